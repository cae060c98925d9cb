// "Teach this site": from a few elements the agent clicks (a customer message, one of their own,
// the composer, optionally the conversation title and a conversation in the list), derive a site
// config. Pure functions over elements and documents, so tests run them on saved pages.
//
// Robustness first: stable ids, data-* / role / aria attributes and page structure are preferred
// over class names, and class names that a build tool generated (CSS modules, styled-components,
// emotion, JSS…) are never used as such: at most their readable prefix, as [class*="Name_part__"].
//
// One file per step: tokens (what a class, id or attribute says), selectors (for one element),
// items (repeating items and lists), messages (message items), senders (what tells their senders
// apart: attributes, classes, an avatar or a name, generated classes, the side), page-fields
// (composer, title, conversation list), config (the config and live detection), form (the
// correction form's fields).

export {
  isHashedClass,
  isRandomToken,
  isStableId,
  isStableValue,
  isStateClass,
  pickable,
  stableClasses,
  stableClassPrefixes,
  type SenderRule,
  type TeachSelectors,
} from './tokens';
export { localParts, selectorCandidates, selectorFor } from './selectors';
export { deriveMessageRule, sameMessage, type MessageDerivation, type MessageProblem } from './messages';
export {
  conversationIdFromUrl,
  deriveComposer,
  deriveConversationList,
  deriveTitle,
  editableOf,
  type ComposerDerivation,
  type ConversationDerivation,
  type TitleDerivation,
} from './page-fields';
export {
  buildConfig,
  configIdFor,
  detect,
  pathScope,
  profileCounting,
  siteOf,
  type BuildConfigInput,
  type Detection,
  type TeachCounting,
} from './config';
export { describeElement, emptyFields, fieldsToSelectors, selectorsToFields, type TeachFields } from './form';
export { composedParent, scoped, scopedRule, scopeOf, type PickScope } from './scope';
