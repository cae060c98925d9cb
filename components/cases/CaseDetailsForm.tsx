import { useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n';
import {
  caseCauses,
  formatYuan,
  parseYuan,
  refundPaths,
  reviewCauses,
  type CaseDetails,
  type CaseDetailsPatch,
  type ReviewCause,
} from '@/lib/cases/details';
import { parseTypedStart } from '@/lib/cases/page-start';
import type { CaseRecord } from '@/lib/db/records';
import { errorText } from '@/lib/i18n/errors';
import { send } from '@/lib/messaging/client';
import { typedStartProblem } from './CaseStart';
import { SelectField } from '@/components/ui/SelectField';

// A case's after-sales record (lib/cases/details.ts), quick to fill in the overlay and on the case
// page: item(s), cause, refund path, amounts, a re-shipment, follow-up visits, review explanations
// and a complaint. Amounts are typed in yuan and stored in cents; a field that is not an amount
// stops the save with a message naming it (nothing is written).

type TextField = 'items' | 'reshipCourier' | 'reshipTrackingNo';
type MoneyField = 'refundCents' | 'compensationCents' | 'reshipAmountCents' | 'reshipFeeCents';
const TEXT_FIELDS: readonly TextField[] = ['items', 'reshipCourier', 'reshipTrackingNo'];
const MONEY_FIELDS: readonly MoneyField[] = ['refundCents', 'compensationCents', 'reshipAmountCents', 'reshipFeeCents'];
const LABEL = {
  items: 'details.items',
  reshipCourier: 'details.reshipCourier',
  reshipTrackingNo: 'details.reshipTrackingNo',
  refundCents: 'details.refund',
  compensationCents: 'details.compensation',
  reshipAmountCents: 'details.reshipAmount',
  reshipFeeCents: 'details.reshipFee',
} as const;

function draftOf(d: CaseDetails | undefined): Record<TextField | MoneyField | 'cause' | 'refundPath', string> {
  return {
    items: d?.items ?? '',
    reshipCourier: d?.reshipCourier ?? '',
    reshipTrackingNo: d?.reshipTrackingNo ?? '',
    refundCents: d?.refundCents === undefined ? '' : formatYuan(d.refundCents),
    compensationCents: d?.compensationCents === undefined ? '' : formatYuan(d.compensationCents),
    reshipAmountCents: d?.reshipAmountCents === undefined ? '' : formatYuan(d.reshipAmountCents),
    reshipFeeCents: d?.reshipFeeCents === undefined ? '' : formatYuan(d.reshipFeeCents),
    cause: d?.cause ?? '',
    refundPath: d?.refundPath === undefined ? '' : String(d.refundPath),
  };
}

export function CaseDetailsForm({
  record,
  onChange,
  idPrefix,
  open,
}: {
  record: CaseRecord;
  onChange?(next: CaseRecord): void;
  idPrefix: string;
  open?: boolean;
}) {
  const { t, locale } = useI18n();
  const d = record.details;
  const [draft, setDraft] = useState(() => draftOf(d));
  const [visit, setVisit] = useState('');
  const [reviewCause, setReviewCause] = useState<ReviewCause | ''>('');
  const [review, setReview] = useState('');
  const [complaintText, setComplaintText] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = (k: string) => `${idPrefix}-${k}`;

  const patch = async (p: CaseDetailsPatch, done?: () => void) => {
    setError(null);
    setStatus('');
    try {
      const next = await send('cases.update', { id: record.id, details: p });
      onChange?.(next);
      done?.();
      setStatus(t('details.saved'));
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  const saveFields = (e: FormEvent) => {
    e.preventDefault();
    const p: CaseDetailsPatch = {};
    for (const k of TEXT_FIELDS) {
      const v = draft[k].trim();
      if (v) p[k] = v;
      else if (d?.[k] !== undefined) p[k] = null;
    }
    for (const k of MONEY_FIELDS) {
      const v = parseYuan(draft[k]);
      if (v === undefined) {
        setError(t('details.badAmount', { field: t(LABEL[k]), text: draft[k] }));
        return;
      }
      if (v !== null) p[k] = v;
      else if (d?.[k] !== undefined) p[k] = null;
    }
    p.cause = draft.cause ? (draft.cause as CaseDetails['cause']) : null;
    p.refundPath = draft.refundPath ? (Number(draft.refundPath) as CaseDetails['refundPath']) : null;
    void patch(p);
  };

  const field = (k: TextField | MoneyField, inputMode?: 'decimal') => (
    <label htmlFor={id(k)}>
      <span>{t(LABEL[k])}</span>
      <input id={id(k)} type="text" inputMode={inputMode} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
    </label>
  );

  const complaintAt = d?.complaintAt;
  return (
    <details className="case-details" open={open}>
      <summary>{t('details.title')}</summary>
      <form aria-label={t('details.title')} onSubmit={saveFields}>
        {(d?.cause !== undefined || d?.refundPath !== undefined) && <p className="muted small">{t('details.prefilled')}</p>}
        {field('items')}
        <div className="case-details-grid">
          <SelectField
            id={id('cause')}
            label={t('details.cause')}
            value={draft.cause}
            onChange={(cause) => setDraft({ ...draft, cause })}
            options={caseCauses.map((c) => ({ value: c, label: t(`afterSales.cause.${c}`) }))}
          >
            <option value="">{t('details.none')}</option>
          </SelectField>
          <SelectField
            id={id('path')}
            label={t('details.path')}
            value={draft.refundPath}
            onChange={(refundPath) => setDraft({ ...draft, refundPath })}
            options={refundPaths.map((p) => ({ value: String(p), label: t(`afterSales.path.${p}`) }))}
          >
            <option value="">{t('details.none')}</option>
          </SelectField>
          {field('refundCents', 'decimal')}
          {field('compensationCents', 'decimal')}
          {field('reshipCourier')}
          {field('reshipTrackingNo')}
          {field('reshipAmountCents', 'decimal')}
          {field('reshipFeeCents', 'decimal')}
        </div>
        <button type="submit" className="dm-primary primary">
          {t('details.save')}
        </button>
      </form>

      <h4>{t('details.visits')}</h4>
      {(d?.visits?.length ?? 0) > 0 && (
        <ul className="case-log" aria-label={t('details.visits')}>
          {d!.visits!.map((v) => (
            <li key={`${v.at}-${v.finding}`}>
              <time dateTime={new Date(v.at).toISOString()}>{new Date(v.at).toLocaleDateString(locale)}</time> {v.finding}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label htmlFor={id('visit')} className="grow">
          <span>{t('details.visitFinding')}</span>
          <input id={id('visit')} type="text" value={visit} onChange={(e) => setVisit(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={!visit.trim()}
          onClick={() => void patch({ visits: [...(d?.visits ?? []), { at: Date.now(), finding: visit.trim() }] }, () => setVisit(''))}
        >
          {t('details.addVisit')}
        </button>
      </div>

      <h4>{t('details.reviews')}</h4>
      {(d?.reviews?.length ?? 0) > 0 && (
        <ul className="case-log" aria-label={t('details.reviews')}>
          {d!.reviews!.map((r) => (
            <li key={`${r.at}-${r.text}`}>
              {t(`afterSales.review.${r.cause}`)}: {r.text}
            </li>
          ))}
        </ul>
      )}
      <div className="row wrap">
        <label htmlFor={id('review-cause')}>
          <span>{t('details.reviewCause')}</span>
          <select id={id('review-cause')} value={reviewCause} onChange={(e) => setReviewCause(e.target.value as ReviewCause | '')}>
            <option value="">{t('details.none')}</option>
            {reviewCauses.map((c) => (
              <option key={c} value={c}>
                {t(`afterSales.review.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={id('review')} className="grow">
          <span>{t('details.reviewText')}</span>
          <input id={id('review')} type="text" value={review} onChange={(e) => setReview(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={!reviewCause || !review.trim()}
          onClick={() =>
            reviewCause &&
            void patch(
              { reviews: [...(d?.reviews ?? []), { at: Date.now(), cause: reviewCause, text: review.trim() }] },
              () => (setReview(''), setReviewCause('')),
            )
          }
        >
          {t('details.addReview')}
        </button>
      </div>

      <h4>{t('details.complaint')}</h4>
      {complaintAt ? (
        <p>
          {t('details.complaintAt')}: {new Date(complaintAt).toLocaleString(locale)} ·{' '}
          {d?.complaintAnsweredAt ? (
            t('details.complaintAnswered', { time: new Date(d.complaintAnsweredAt).toLocaleString(locale) })
          ) : (
            <>
              {t('details.complaintOpen')}{' '}
              <button type="button" onClick={() => void patch({ complaintAnsweredAt: Date.now() })}>
                {t('details.markAnswered')}
              </button>
            </>
          )}
        </p>
      ) : (
        <div className="row wrap">
          <label htmlFor={id('complaint')} className="grow">
            <span>{t('details.complaintAt')}</span>
            <input
              id={id('complaint')}
              type="text"
              placeholder={t('caseStart.placeholder')}
              value={complaintText}
              onChange={(e) => setComplaintText(e.target.value)}
            />
          </label>
          <button
            type="button"
            onClick={() => {
              const now = Date.now();
              const r = parseTypedStart(complaintText, now);
              if (r.kind === 'invalid') return setError(typedStartProblem(complaintText, now, t));
              void patch({ complaintAt: r.kind === 'time' ? r.at : now }, () => setComplaintText(''));
            }}
          >
            {complaintText.trim() ? t('details.recordComplaint') : t('details.complaintNow')}
          </button>
        </div>
      )}
      <p role="status" className="dm-status">
        {status}
      </p>
      {error && (
        <p role="alert" className="error dm-error">
          {error}
        </p>
      )}
    </details>
  );
}
