import { useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n';
import { parseTypedStart, type PageStart } from '@/lib/cases/page-start';
import type { StartEvent } from '@/lib/cases/schema';
import type { CaseRecord } from '@/lib/db/records';
import type { Translate } from '@/lib/i18n';
import { errorText } from '@/lib/i18n/errors';
import { send } from '@/lib/messaging/client';

// The moment a case's deadline counts from (docs/after-sales.md): shown with where it came from
// ("平台介入时间，页面读取" / "entered by you"), editable, and asked for while unknown. A typed
// start that is not a time is refused with a message; nothing ever becomes "now" by default.

/** A moment as "YYYY-MM-DD HH:mm:ss", local time: what the agent sees and may edit. */
export function localTimeText(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The time of an agent's action (event handlers only). */
export const actionTime = (): number => Date.now();

export const startEventName = (t: Translate, event: StartEvent | undefined) => t(`caseStart.event.${event ?? 'manual'}`);

/** The message for a typed start that cannot be used, or null. */
export function typedStartProblem(text: string, now: number, t: Translate): string | null {
  const r = parseTypedStart(text, now);
  if (r.kind !== 'invalid') return null;
  return t(r.reason === 'future' ? 'caseStart.future' : 'caseStart.unparsable', { text: text.trim() });
}

/** The start field of a form: text input, prefilled with the page's time when there is one. */
export function StartInput({
  event,
  value,
  onChange,
  pageStart,
  id,
}: {
  event: StartEvent | undefined;
  value: string;
  onChange(v: string): void;
  pageStart?: PageStart | null;
  id: string;
}) {
  const { t } = useI18n();
  return (
    <label htmlFor={id} className="case-start-input">
      <span>{startEventName(t, event)}</span>
      <input id={id} type="text" value={value} placeholder={t('caseStart.placeholder')} onChange={(e) => onChange(e.target.value)} />
      {pageStart?.kind === 'unparsable' && <small className="warn-text">{t('caseStart.pageUnparsable', { text: pageStart.raw })}</small>}
    </label>
  );
}

/** Where a case's start came from, in words. */
export function startSourceText(record: CaseRecord, t: Translate): string {
  const event = startEventName(t, record.startEvent);
  if (record.startSource === 'page') return t('caseStart.fromPage', { event });
  if (record.startSource === 'agent') return t('caseStart.byAgent', { event });
  return t('caseStart.legacy', { event });
}

export function CaseStart({
  record,
  pageStart,
  onChange,
  idPrefix,
}: {
  record: CaseRecord;
  pageStart?: PageStart | null;
  onChange?(next: CaseRecord): void;
  idPrefix: string;
}) {
  const { t, locale } = useI18n();
  const known = record.startedAt > 0;
  const pageTime = pageStart?.kind === 'time' ? pageStart.at : null;
  const initial = () => (known ? localTimeText(record.startedAt) : pageTime !== null ? localTimeText(pageTime) : '');
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const event = startEventName(t, record.startEvent);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const now = actionTime();
    const r = parseTypedStart(text, now);
    if (r.kind !== 'time') {
      setError(r.kind === 'empty' ? t('caseStart.ask', { event }) : (typedStartProblem(text, now, t) ?? ''));
      return;
    }
    // The page's own reading, untouched: keep saying it came from the page.
    const fromPage = pageTime !== null && text === localTimeText(pageTime);
    try {
      const next = await send('cases.update', {
        id: record.id,
        startedAt: fromPage ? pageTime : r.at,
        startSource: fromPage ? 'page' : 'agent',
      });
      setEditing(false);
      onChange?.(next);
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  return (
    <div className="case-start">
      {known && !editing && (
        <p className="case-start-line">
          <span className="muted">{t('caseStart.sourceLabel', { source: startSourceText(record, t) })}</span>
          <time dateTime={new Date(record.startedAt).toISOString()}>{new Date(record.startedAt).toLocaleString(locale)}</time>{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setText(initial());
              setEditing(true);
            }}
          >
            {t('caseStart.edit')}
          </button>
        </p>
      )}
      {!known && !editing && <p className="case-start-ask">{t('caseStart.ask', { event })}</p>}
      {(!known || editing) && (
        <form className="case-start-form" aria-label={t('caseStart.save')} onSubmit={(e) => void save(e)}>
          <StartInput id={`${idPrefix}-start`} event={record.startEvent} value={text} onChange={setText} pageStart={pageStart} />
          <div className="row wrap">
            <button type="submit">{t('caseStart.save')}</button>
            {editing && (
              <button type="button" onClick={() => (setEditing(false), setError(null))}>
                {t('caseStart.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error dm-error">
          {error}
        </p>
      )}
    </div>
  );
}
