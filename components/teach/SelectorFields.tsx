import { useId, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n';
import type { MessageKey } from '@/lib/i18n';
import type { TeachFields } from '@/lib/sites/teach';

/**
 * The selectors a teach derives, editable by hand (one per line where a rule takes several).
 * Folded away: picks and the sender list are the way for most agents (TeachMode.tsx).
 */
export function SelectorFields({ fields, onChange }: { fields: TeachFields; onChange: (key: keyof TeachFields, value: string) => void }) {
  const { t } = useI18n();
  const ids = useId();
  const linesHintId = `${ids}-lines`;
  const field = (key: keyof TeachFields, label: MessageKey, multiline = false): ReactNode => (
    <TextField
      key={key}
      id={`${ids}-${key}`}
      label={t(label)}
      value={fields[key]}
      onChange={(value) => onChange(key, value)}
      multiline={multiline}
      describedBy={multiline ? linesHintId : undefined}
    />
  );
  return (
    <details className="dm-teach-fields">
      <summary>{t('teach.selectors')}</summary>
      <p id={linesHintId} className="dm-teach-muted">
        {t('teach.linesHint')}
      </p>
      <fieldset>
        <legend>{t('teach.groupMessages')}</legend>
        {field('message', 'teach.fieldMessage', true)}
        {field('senderAttr', 'teach.fieldSenderAttr')}
        {field('customer', 'teach.fieldCustomer', true)}
        {field('agent', 'teach.fieldAgent', true)}
      </fieldset>
      <fieldset>
        <legend>{t('teach.stepComposer')}</legend>
        {field('composer', 'teach.fieldComposer', true)}
      </fieldset>
      <fieldset>
        <legend>{t('teach.stepTitle')}</legend>
        {field('buyerName', 'teach.fieldBuyerName', true)}
        {field('conversationHeader', 'teach.fieldHeader', true)}
      </fieldset>
      <fieldset>
        <legend>{t('teach.groupConversation')}</legend>
        {field('conversationItem', 'teach.fieldConversationItem', true)}
        {field('activeConversation', 'teach.fieldActive', true)}
        {field('activeConversationAttr', 'teach.fieldActiveAttr')}
        {field('activeConversationUrl', 'teach.fieldActiveUrl')}
      </fieldset>
      <details>
        <summary>{t('teach.more')}</summary>
        {field('bot', 'teach.fieldBot', true)}
        {field('system', 'teach.fieldSystem', true)}
        {field('messageText', 'teach.fieldMessageText', true)}
        {field('messageId', 'teach.fieldMessageId', true)}
        {field('messageIdAttr', 'teach.fieldMessageIdAttr')}
        {field('messageTime', 'teach.fieldMessageTime', true)}
        {field('messageTimeAttr', 'teach.fieldMessageTimeAttr')}
        {field('buyerNameAttr', 'teach.fieldBuyerNameAttr')}
        {field('conversationItemId', 'teach.fieldConversationItemId', true)}
        {field('conversationItemIdAttr', 'teach.fieldConversationItemIdAttr')}
        {field('conversationItemIdRegex', 'teach.fieldConversationItemIdRegex')}
        {field('conversationUnread', 'teach.fieldConversationUnread', true)}
        {field('conversationLastTime', 'teach.fieldConversationLastTime', true)}
      </details>
    </details>
  );
}

function TextField({
  id,
  label,
  value,
  onChange,
  multiline,
  describedBy,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline: boolean;
  describedBy?: string;
}) {
  const rows = Math.min(4, Math.max(1, value.split('\n').length));
  return (
    <div className="dm-teach-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={value}
          rows={rows}
          spellCheck={false}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input id={id} type="text" value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}
