import { useI18n } from '@/components/i18n';
import type { MessageKey } from '@/lib/i18n';
import type { SenderKind } from '@/lib/sites/schema';
import type { Detection } from '@/lib/sites/teach';
import type { DetectionState } from './useDetection';

// What the config being taught detects on the page: the counts, and every message with the sender
// read for it (TeachMode.tsx).

const SENDER_LABELS: Record<SenderKind, MessageKey> = {
  customer: 'teach.senderCustomer',
  agent: 'teach.senderAgent',
  bot: 'teach.senderBot',
  system: 'teach.senderSystem',
};

/**
 * Every message on screen with the sender the config now reads for it; a click says "this one is
 * the customer's" or "this one is mine", which becomes that pick (the rule is derived again).
 */
export function SenderList({
  messages,
  onCorrect,
}: {
  messages: Detection['messages'];
  onCorrect: (el: Element, kind: 'customer' | 'agent') => void;
}) {
  const { t } = useI18n();
  return (
    <details className="dm-teach-senders" open>
      <summary>{t('teach.sendersHeading', { count: messages.length })}</summary>
      <ol>
        {messages.map((m, i) => {
          const text = m.text.length > 30 ? `${m.text.slice(0, 30)}…` : m.text;
          return (
            <li key={i} className={m.sender ? undefined : 'dm-teach-warn'}>
              <span>{t('teach.senderLine', { sender: m.sender ? t(SENDER_LABELS[m.sender]) : t('teach.senderUnknown'), text })}</span>{' '}
              {m.sender !== 'customer' && (
                <button
                  type="button"
                  className="dm-teach-link"
                  aria-label={t('teach.markCustomerFor', { text })}
                  onClick={() => onCorrect(m.element, 'customer')}
                >
                  {t('teach.markCustomer')}
                </button>
              )}{' '}
              {m.sender !== 'agent' && (
                <button
                  type="button"
                  className="dm-teach-link"
                  aria-label={t('teach.markAgentFor', { text })}
                  onClick={() => onCorrect(m.element, 'agent')}
                >
                  {t('teach.markAgent')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

export function DetectionLines({ detection }: { detection: DetectionState }) {
  const { t } = useI18n();
  if (!detection) return null;
  if (detection.kind === 'invalid') return <p className="dm-teach-warn">{t('teach.detectInvalid')}</p>;
  const d = detection.value;
  return (
    <ul>
      <li className={d.customer && d.agent ? undefined : 'dm-teach-warn'}>
        {d.total ? t('teach.detectMessages', { customer: d.customer, agent: d.agent }) : t('teach.detectNoMessages')}
      </li>
      {(d.bot > 0 || d.system > 0) && <li>{t('teach.detectOther', { bot: d.bot, system: d.system })}</li>}
      {d.unknown > 0 && <li className="dm-teach-warn">{t('teach.detectUnknown', { count: d.unknown })}</li>}
      <li className={d.conversationId ? undefined : 'dm-teach-warn'}>
        {d.conversationId ? t('teach.detectConversation', { id: d.conversationId }) : t('teach.detectNoConversation')}
      </li>
      {d.buyerName && <li>{t('teach.detectBuyer', { name: d.buyerName })}</li>}
      {d.conversations > 0 && <li>{t('teach.detectConversations', { count: d.conversations })}</li>}
      <li className={d.hasComposer ? undefined : 'dm-teach-warn'}>
        {d.hasComposer ? t('teach.detectComposer') : t('teach.detectNoComposer')}
      </li>
    </ul>
  );
}
