import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n';
import { formatTimeLeft, progress, timeLeft } from '@/lib/cases/deadlines';
import { caseTypeById, ruleById } from '@/lib/cases/lookup';
import type { Checklists } from '@/lib/cases/schema';
import type { CaseRecord } from '@/lib/db/records';
import { send } from '@/lib/messaging/client';
import { errorText } from '@/lib/i18n/errors';

// One case's checklist, used by the overlay (in the console) and by the case page: checkboxes
// named by the item titles, guidance on demand, a note per item, the deadline with a live
// countdown, and progress. Changes go through the background (which reschedules the alarms).

/** A countdown that re-renders once a minute (every second in the last hour). */
export function useCountdown(deadlineAt: number): { ms: number; now: number } {
  const [now, setNow] = useState(() => Date.now());
  const ms = deadlineAt - now;
  useEffect(() => {
    const every = Math.abs(ms) < 3600_000 ? 1000 : 60_000;
    const id = setInterval(() => setNow(Date.now()), every);
    return () => clearInterval(id);
  }, [ms]);
  return { ms, now };
}

export function Deadline({ record, className = '' }: { record: CaseRecord; className?: string }) {
  const { t, locale } = useI18n();
  const { now } = useCountdown(record.deadlineAt);
  if (!record.deadlineAt) return <p className="muted">{t('cases.startUnknown')}</p>;
  const left = timeLeft(record.deadlineAt, now);
  return (
    <p className={`deadline level-${left.level} ${className}`} data-level={left.level}>
      <strong>{formatTimeLeft(left, locale)}</strong> <span>{t(`cases.level.${left.level}`)}</span>{' '}
      <span className="muted">{t('cases.deadlineAt', { time: new Date(record.deadlineAt).toLocaleString(locale) })}</span>
    </p>
  );
}

export function CaseChecklist({
  record,
  defs,
  onChange,
  itemExtra,
  idPrefix,
}: {
  record: CaseRecord;
  defs: Checklists;
  onChange(next: CaseRecord): void;
  /** Per-item extras (capture button, attachments). */
  itemExtra?: (itemId: string) => ReactNode;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const type = caseTypeById(defs, record.disputeType);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  // A tick shows at once; it gives way as soon as a newer record (this change or another tab's) arrives.
  const [ticks, setTicks] = useState<Record<string, { done: boolean; base: number }>>({});
  if (!type) return <p className="muted">{record.caseTypeTitle ?? record.disputeType}</p>;
  const isDone = (itemId: string) => {
    const tick = ticks[itemId];
    if (tick && tick.base === record.updatedAt) return tick.done;
    return record.items.find((i) => i.itemId === itemId)?.done === 1;
  };
  const state = Object.fromEntries(record.items.map((i) => [i.itemId, isDone(i.itemId)]));
  const p = progress(type.items, state);
  const rule = ruleById(defs, type.deadlineRule);

  const update = (items: { itemId: string; done?: boolean; note?: string }[]) =>
    send('cases.update', { id: record.id, items })
      .then(onChange)
      .catch((e: unknown) => setError(errorText(e, t)));

  return (
    <div className="case-checklist">
      {rule && <p className="muted">{rule.title}</p>}
      <p role="status" className={p.complete ? 'ok' : ''}>
        {p.complete ? `${t('cases.complete')} · ` : ''}
        {t('cases.progress', { done: p.done, total: p.total, requiredDone: p.requiredDone, requiredTotal: p.requiredTotal })}
      </p>
      <ul className="case-items" aria-label={type.title}>
        {type.items.map((item) => {
          const s = record.items.find((i) => i.itemId === item.id);
          const checkId = `${idPrefix}-${item.id}`;
          const note = notes[item.id] ?? s?.note ?? '';
          return (
            <li key={item.id} className={isDone(item.id) ? 'done' : ''}>
              <div className="case-item-head">
                <input
                  id={checkId}
                  type="checkbox"
                  checked={isDone(item.id)}
                  onChange={(e) => {
                    setTicks({ ...ticks, [item.id]: { done: e.target.checked, base: record.updatedAt } });
                    void update([{ itemId: item.id, done: e.target.checked }]);
                  }}
                />
                <label htmlFor={checkId}>{item.title}</label>
                <span className={item.required ? 'badge warn' : 'badge'}>
                  {item.required ? t('cases.item.required') : t('cases.item.optional')}
                </span>
              </div>
              <details>
                <summary>{t('caseUi.guidance')}</summary>
                <p className="guidance">{item.guidance}</p>
              </details>
              <label className="case-note">
                <span>{t('caseUi.note', { item: item.title })}</span>
                <textarea
                  rows={1}
                  value={note}
                  onChange={(e) => setNotes({ ...notes, [item.id]: e.target.value })}
                  onBlur={() => {
                    if (notes[item.id] !== undefined && notes[item.id] !== s?.note)
                      void update([{ itemId: item.id, note: notes[item.id] }]);
                  }}
                />
              </label>
              {itemExtra?.(item.id)}
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
