// Teach: the correction form's fields ⇄ selectors, and how a picked element is described.
import { senderKinds } from '../kinds';
import type { ExtractRule, SenderKind } from '../schema';
import { isStableId, stableClasses, tagOf, type TeachSelectors } from './tokens';
import { cleanList, cleanSender } from './config';

/** One text per editable value; selector lists are one selector per line. */
export interface TeachFields {
  message: string;
  senderAttr: string;
  customer: string;
  agent: string;
  bot: string;
  system: string;
  /** Who writes on each side of the thread ('' = no side rule); not in the editor, kept from the picks. */
  sideLeft: SenderKind | '';
  sideRight: SenderKind | '';
  /** Senders told by a name (JSON of messageSender.byText, '' = none); kept from the picks. */
  senderByText: string;
  messageText: string;
  messageId: string;
  messageIdAttr: string;
  messageTime: string;
  messageTimeAttr: string;
  composer: string;
  buyerName: string;
  buyerNameAttr: string;
  conversationHeader: string;
  conversationItem: string;
  conversationItemId: string;
  conversationItemIdAttr: string;
  activeConversation: string;
  activeConversationAttr: string;
  activeConversationUrl: string;
  conversationUnread: string;
  conversationLastTime: string;
  /** A regex keeping the id from the item's value (a link's href: "#/chat/c-1001" → "c-1001"). */
  conversationItemIdRegex: string;
}

export const emptyFields: TeachFields = {
  message: '',
  senderAttr: '',
  customer: '',
  agent: '',
  bot: '',
  system: '',
  sideLeft: '',
  sideRight: '',
  senderByText: '',
  messageText: '',
  messageId: '',
  messageIdAttr: '',
  messageTime: '',
  messageTimeAttr: '',
  composer: '',
  buyerName: '',
  buyerNameAttr: '',
  conversationHeader: '',
  conversationItem: '',
  conversationItemId: '',
  conversationItemIdAttr: '',
  activeConversation: '',
  activeConversationAttr: '',
  activeConversationUrl: '',
  conversationUnread: '',
  conversationLastTime: '',
  conversationItemIdRegex: '',
};

export const lines = (s: string): string[] | undefined => cleanList(s.split('\n'));
export const joinLines = (l: readonly string[] | undefined): string => (l ?? []).join('\n');

type ByText = NonNullable<NonNullable<TeachSelectors['messageSender']>['byText']>;

/** The byText rules kept in a field (written by selectorsToFields; anything else reads as none). */
function parseByText(json: string): ByText | undefined {
  if (!json) return undefined;
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return undefined;
    const ok = v.filter(
      (t): t is ByText[number] =>
        !!t &&
        typeof t === 'object' &&
        Array.isArray(t.selector) &&
        t.selector.every((x: unknown) => typeof x === 'string') &&
        typeof t.regex === 'string' &&
        (senderKinds as readonly unknown[]).includes(t.sender),
    );
    return ok.length ? ok : undefined;
  } catch {
    return undefined;
  }
}

export function ruleFrom(sel: string, attr: string, urlRegex = ''): ExtractRule | undefined {
  const selector = lines(sel);
  if (selector) return { selector, ...(attr.trim() ? { attr: attr.trim() } : {}) };
  if (urlRegex.trim()) return { fromUrl: true, regex: urlRegex.trim() };
  return undefined;
}

/** The selectors the form's fields describe (empty fields leave the value out). */
export function fieldsToSelectors(f: TeachFields): TeachSelectors {
  const s: TeachSelectors = {};
  const set = <K extends keyof TeachSelectors>(k: K, v: TeachSelectors[K] | undefined) => {
    if (v !== undefined) s[k] = v;
  };
  set('message', lines(f.message));
  set(
    'messageSender',
    cleanSender({
      attr: f.senderAttr,
      customer: lines(f.customer),
      agent: lines(f.agent),
      bot: lines(f.bot),
      system: lines(f.system),
      side:
        f.sideLeft || f.sideRight
          ? { ...(f.sideLeft ? { left: f.sideLeft } : {}), ...(f.sideRight ? { right: f.sideRight } : {}) }
          : undefined,
      byText: parseByText(f.senderByText),
    }),
  );
  set('messageText', ruleFrom(f.messageText, ''));
  set('messageId', ruleFrom(f.messageId, f.messageIdAttr));
  set('messageTime', ruleFrom(f.messageTime, f.messageTimeAttr));
  set('composer', lines(f.composer));
  set('buyerName', ruleFrom(f.buyerName, f.buyerNameAttr));
  set('conversationHeader', lines(f.conversationHeader));
  set('conversationItem', lines(f.conversationItem));
  const itemId = ruleFrom(f.conversationItemId, f.conversationItemIdAttr);
  set('conversationItemId', itemId && f.conversationItemIdRegex.trim() ? { ...itemId, regex: f.conversationItemIdRegex.trim() } : itemId);
  set('activeConversation', ruleFrom(f.activeConversation, f.activeConversationAttr, f.activeConversationUrl));
  set('conversationUnread', ruleFrom(f.conversationUnread, ''));
  set('conversationLastTime', ruleFrom(f.conversationLastTime, ''));
  return s;
}

/** The form's fields for some selectors (the ones given; others stay as in `base`). */
export function selectorsToFields(s: Partial<TeachSelectors>, base: TeachFields = emptyFields): TeachFields {
  const f: TeachFields = { ...base };
  if ('message' in s) f.message = joinLines(s.message);
  if ('messageSender' in s) {
    const r = s.messageSender;
    f.senderAttr = r?.attr ?? '';
    f.customer = joinLines(r?.customer);
    f.agent = joinLines(r?.agent);
    f.bot = joinLines(r?.bot);
    f.system = joinLines(r?.system);
    f.sideLeft = r?.side?.left ?? '';
    f.sideRight = r?.side?.right ?? '';
    f.senderByText = r?.byText?.length ? JSON.stringify(r.byText) : '';
  }
  const rule = (r: ExtractRule | undefined): [string, string] => [joinLines(r?.selector), r?.attr ?? ''];
  if ('messageText' in s) f.messageText = rule(s.messageText)[0];
  if ('messageId' in s) [f.messageId, f.messageIdAttr] = rule(s.messageId);
  if ('messageTime' in s) [f.messageTime, f.messageTimeAttr] = rule(s.messageTime);
  if ('composer' in s) f.composer = joinLines(s.composer);
  if ('buyerName' in s) [f.buyerName, f.buyerNameAttr] = rule(s.buyerName);
  if ('conversationHeader' in s) f.conversationHeader = joinLines(s.conversationHeader);
  if ('conversationItem' in s) f.conversationItem = joinLines(s.conversationItem);
  if ('conversationItemId' in s) {
    [f.conversationItemId, f.conversationItemIdAttr] = rule(s.conversationItemId);
    f.conversationItemIdRegex = s.conversationItemId?.regex ?? '';
  }
  if ('conversationUnread' in s) f.conversationUnread = rule(s.conversationUnread)[0];
  if ('conversationLastTime' in s) f.conversationLastTime = rule(s.conversationLastTime)[0];
  if ('activeConversation' in s) {
    [f.activeConversation, f.activeConversationAttr] = rule(s.activeConversation);
    f.activeConversationUrl = s.activeConversation?.fromUrl ? (s.activeConversation.regex ?? '') : '';
  }
  return f;
}

/** "span.msg-text “Hello, my parcel…”": what the agent picked, for the step list (rendered as text). */
export function describeElement(el: Element): string {
  const classes = stableClasses(el).slice(0, 2);
  const label = `${tagOf(el)}${isStableId(el.id) ? `#${el.id}` : ''}${classes.map((c) => `.${c}`).join('')}`;
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return short ? `${label} “${short}”` : label;
}
