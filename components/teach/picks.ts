import type { MessageKey, Translate } from '@/lib/i18n';
import { extractValue } from '@/lib/sites/extract';
import {
  deriveComposer,
  deriveConversationList,
  deriveMessageRule,
  deriveTitle,
  sameMessage,
  scoped,
  scopedRule,
  scopeOf,
  selectorsToFields,
  type TeachFields,
} from '@/lib/sites/teach';

// What one pick on the page means for the config being taught: the steps of "Teach this site" and
// the selectors each pick derives (TeachMode.tsx holds the state and shows the outcome).

export type StepId = 'customer' | 'agent' | 'composer' | 'title' | 'conversation';

export const STEPS: { id: StepId; label: MessageKey; optional: boolean }[] = [
  { id: 'customer', label: 'teach.stepCustomer', optional: false },
  { id: 'agent', label: 'teach.stepAgent', optional: false },
  { id: 'composer', label: 'teach.stepComposer', optional: false },
  { id: 'title', label: 'teach.stepTitle', optional: true },
  { id: 'conversation', label: 'teach.stepConversation', optional: true },
];

export type Picks = Partial<Record<StepId, Element>>;

export interface PickOutcome {
  /** Steps that now stand for another element than the one picked (the message items derived from a pick). */
  shown: [StepId, Element][];
  /** A step whose earlier pick has left the page: forget it. */
  forgotten?: StepId;
  /** The selector fields derived from the pick, from the current ones. */
  fields?: (current: TeachFields) => TeachFields;
  /** What to tell the agent ('' when nothing). */
  notice: string;
}

/**
 * Derives the selectors for `step` from the element picked for it, with the other picks in
 * `picks` (which already holds this one). Throws when the page's DOM refuses a derivation.
 */
export function derivePick(step: StepId, el: Element, doc: Document, picks: Picks, t: Translate): PickOutcome {
  const shown: [StepId, Element][] = [];
  if (step === 'customer' || step === 'agent') {
    const { customer, agent } = picks;
    if (!customer || !agent) return { shown, notice: t(step === 'customer' ? 'teach.nowAgent' : 'teach.nowCustomer') };
    // A virtualised list may have recycled the first pick meanwhile.
    const gone = !customer.isConnected ? 'customer' : !agent.isConnected ? 'agent' : null;
    if (gone) {
      const notice = t('teach.pickedGone', { step: t(gone === 'customer' ? 'teach.stepCustomer' : 'teach.stepAgent') });
      return { shown, forgotten: gone, notice };
    }
    // Selectors are derived in the root that holds the picks (a shadow root, a frame) and reached with >>>.
    const scope = scopeOf(customer, doc);
    if (scopeOf(agent, doc).root !== scope.root) return { shown, notice: t('teach.noItems') };
    const d = deriveMessageRule(customer, agent, scope.root);
    if (!d) return { shown, notice: t(sameMessage(customer, agent) ? 'teach.sameMessage' : 'teach.noItems') };
    shown.push(['customer', d.customerItem], ['agent', d.agentItem]);
    const fields = (f: TeachFields) =>
      selectorsToFields(
        {
          message: scoped(scope.prefix, d.message),
          messageSender: d.messageSender,
          messageId: d.messageId,
          messageTime: d.messageTime,
          messageText: d.messageText,
        },
        f,
      );
    const notice = d.problems.includes('noSender')
      ? t('teach.noSender', { count: d.count })
      : d.problems.includes('senderMismatch')
        ? t('teach.senderMismatch')
        : d.problems.includes('hashedSender')
          ? t('teach.hashedSender', { count: d.count })
          : d.problems.includes('sideSender')
            ? t('teach.sideSender', { count: d.count })
            : t('teach.messagesFound', { count: d.count });
    return { shown, fields, notice };
  }
  const scope = scopeOf(el, doc);
  if (step === 'composer') {
    const d = deriveComposer(el, scope.root);
    shown.push(['composer', d.element]);
    return { shown, fields: (f) => selectorsToFields({ composer: scoped(scope.prefix, d.composer) }, f), notice: '' };
  }
  if (step === 'title') {
    const d = deriveTitle(el, scope.root);
    const buyerName = scopedRule(scope.prefix, d.buyerName);
    const fields = (f: TeachFields) => {
      const next = selectorsToFields({ buyerName, conversationHeader: scoped(scope.prefix, d.conversationHeader) }, f);
      // Without an id in the list or the address, the customer's name tells conversations apart.
      if (f.activeConversation || f.activeConversationUrl) return next;
      return selectorsToFields({ activeConversation: { selector: buyerName.selector } }, next);
    };
    return { shown, fields, notice: '' };
  }
  const d = deriveConversationList(el, scope.root);
  if (!d) return { shown, notice: t('teach.noList') };
  shown.push(['conversation', d.element]);
  const fields = (f: TeachFields) => {
    const next = selectorsToFields(
      {
        conversationItem: scoped(scope.prefix, d.conversationItem),
        // Ids in links ("#/chat/c-1001") read like the open conversation's id in the address.
        conversationItemId:
          d.conversationItemId?.attr === 'href' &&
          !d.activeConversation &&
          f.activeConversationUrl &&
          extractValue({ ...d.conversationItemId, regex: f.activeConversationUrl }, d.element)
            ? { ...d.conversationItemId, regex: f.activeConversationUrl }
            : d.conversationItemId,
        conversationUnread: d.conversationUnread,
        conversationLastTime: d.conversationLastTime,
      },
      f,
    );
    return d.activeConversation ? selectorsToFields({ activeConversation: scopedRule(scope.prefix, d.activeConversation) }, next) : next;
  };
  return { shown, fields, notice: '' };
}
