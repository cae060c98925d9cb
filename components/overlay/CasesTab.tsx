import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CaseChecklist, Deadline } from '@/components/cases/CaseChecklist';
import { CaseDetailsForm } from '@/components/cases/CaseDetailsForm';
import { actionTime, CaseStart, localTimeText, StartInput, startEventName, typedStartProblem } from '@/components/cases/CaseStart';
import { useI18n } from '@/components/i18n';
import { useNow } from '@/components/useNow';
import { findCaseType, ruleById } from '@/lib/cases/lookup';
import { pageStartApplies, parseTypedStart, readPageStart } from '@/lib/cases/page-start';
import type { Checklists } from '@/lib/cases/schema';
import type { CaseRecord } from '@/lib/db/records';
import { errorText } from '@/lib/i18n/errors';
import { send } from '@/lib/messaging/client';
import type { SiteConfig } from '@/lib/sites/schema';
import { useOverlayStore } from './store';
import { usePageSnapshot } from './usePageSnapshot';
import { SelectField } from '@/components/ui/SelectField';
import { StatusLine } from '@/components/ui/StatusLine';

// The overlay's "Cases" tab: on an order or refund page a site config recognises, the case for
// that order (and the dispute type the page shows); on any page, a case by typed order number.

/** Two frames, so that the overlay is really gone from the screen before a capture. */
const twoFrames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

export function CasesTab({ ctx, config }: { ctx: ContentScriptContext; config: SiteConfig | null }) {
  const { t, locale } = useI18n();
  const snap = usePageSnapshot(ctx, config, true);
  const [defs, setDefs] = useState<Checklists | null>(null);
  const [typed, setTyped] = useState('');
  const [orderNo, setOrderNo] = useState<string | null>(null);
  const [cases, setCases] = useState<CaseRecord[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [caseTypeId, setCaseTypeId] = useState('');
  const [platform, setPlatform] = useState('');
  /** The start the agent typed in the open form; null: untouched (the page's time, or empty). */
  const [startText, setStartText] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const setCapturing = useOverlayStore((s) => s.setCapturing);

  useEffect(() => {
    void send('cases.definitions', { language: locale })
      .then(setDefs)
      .catch((e: unknown) => setError(String(e)));
  }, [locale]);
  const pageOrder = snap?.orderNo ?? null;
  const effectiveOrder = orderNo ?? pageOrder;
  // Preselected: the case type the page's dispute names, and the platform of the console.
  const fromPage = defs && snap?.disputeType ? findCaseType(defs, snap.disputeType) : undefined;
  const typeId = caseTypeId || fromPage?.id || defs?.caseTypes[0]?.id || '';
  const profile = config?.profile;
  const platformId = platform || (defs?.platforms.some((x) => x.id === profile) ? profile! : (defs?.platforms[0]?.id ?? 'taobao'));
  // The platform's start as the page shows it (site config `disputeStartedAt`), re-read with each snapshot.
  const now = useNow();
  const pageStart = useMemo(() => (config && snap ? readPageStart(config, document, location.href, now) : null), [config, snap, now]);
  const selectedType = defs?.caseTypes.find((x) => x.id === typeId);
  const startEvent = defs && selectedType ? ruleById(defs, selectedType.deadlineRule)?.start : undefined;
  const startFromPage = pageStartApplies(startEvent) && pageStart?.kind === 'time' ? pageStart.at : null;
  const startValue = startText ?? (startFromPage !== null ? localTimeText(startFromPage) : '');

  const show = useCallback((list: CaseRecord[]) => {
    setCases(list);
    setSelected((id) => id ?? list.find((c) => c.status === 'open')?.id ?? list[0]?.id ?? null);
  }, []);
  const load = useCallback(async (no: string) => show(await send('cases.forOrder', { orderNo: no })), [show]);
  useEffect(() => {
    if (!effectiveOrder) return;
    let alive = true;
    send('cases.forOrder', { orderNo: effectiveOrder })
      .then((list) => alive && show(list))
      .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [effectiveOrder, show]);

  const openCase = async (e: FormEvent) => {
    e.preventDefault();
    if (!effectiveOrder) return;
    setError(null);
    const now = actionTime();
    // The page's reading untouched: its exact time. Typed: parsed, refused when it is not a time.
    // Empty: the case opens without a deadline and asks for the start (never "now").
    let start: { startedAt: number; startSource: 'page' | 'agent' } | null = null;
    if (startText === null && startFromPage !== null) start = { startedAt: startFromPage, startSource: 'page' };
    else {
      const typedStart = parseTypedStart(startValue, now);
      if (typedStart.kind === 'invalid') {
        setError(typedStartProblem(startValue, now, t));
        return;
      }
      if (typedStart.kind === 'time') start = { startedAt: typedStart.at, startSource: 'agent' };
    }
    try {
      const c = await send('cases.open', {
        orderNo: effectiveOrder,
        caseTypeId: typeId,
        platform: platformId,
        siteId: config?.id ?? location.host,
        ...(start ?? {}),
        language: locale,
      });
      setStartText(null);
      setSelected(c.id);
      await load(effectiveOrder);
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  const capture = async (caseId: string, itemId: string, title: string) => {
    setError(null);
    setCapturing(true);
    try {
      await twoFrames();
      await send('cases.captureTab', { caseId, itemId });
      setStatus(t('caseUi.captured', { item: title }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setCapturing(false);
    }
  };

  const current = cases?.find((c) => c.id === selected) ?? null;
  const startFromPageFor = (event: typeof startEvent) => (pageStartApplies(event) && pageStart?.kind === 'time' ? pageStart.at : null);
  const replace = (next: CaseRecord) => setCases((list) => list?.map((c) => (c.id === next.id ? next : c)) ?? [next]);

  return (
    <div>
      {!effectiveOrder && (
        <form
          aria-label={t('caseUi.findForm')}
          onSubmit={(e) => {
            e.preventDefault();
            setOrderNo(typed.trim() || null);
          }}
        >
          <label>
            <span>{t('caseUi.orderNo')}</span>
            <input type="text" value={typed} inputMode="numeric" onChange={(e) => setTyped(e.target.value)} />
          </label>
          <button type="submit" className="dm-primary">
            {t('caseUi.find')}
          </button>
        </form>
      )}
      {effectiveOrder && (
        <p>
          {t('overlay.order', { order: effectiveOrder })}{' '}
          {!pageOrder && (
            <button type="button" onClick={() => (setOrderNo(null), setCases(null), setSelected(null))}>
              {t('caseUi.otherOrder')}
            </button>
          )}
        </p>
      )}
      {cases && cases.length > 1 && (
        <label>
          <span>{t('caseUi.pick')}</span>
          <select value={selected ?? ''} onChange={(e) => setSelected(e.target.value)}>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.caseTypeTitle ?? c.disputeType} · {c.status === 'open' || !c.outcome ? t('cases.open') : t(`cases.outcome.${c.outcome}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {current && defs && (
        <section aria-label={t('caseUi.caseFor', { type: current.caseTypeTitle ?? current.disputeType, order: current.orderNo })}>
          <h3>{current.caseTypeTitle ?? current.disputeType}</h3>
          <Deadline record={current} />
          <CaseStart
            key={`${current.id}-${current.startedAt}-${startFromPageFor(current.startEvent) ?? ''}`}
            record={current}
            pageStart={pageStartApplies(current.startEvent) ? pageStart : null}
            onChange={replace}
            idPrefix="dm-case"
          />
          <CaseChecklist
            record={current}
            defs={defs}
            idPrefix="dm-case"
            onChange={replace}
            itemExtra={(itemId) => {
              const title = defs.caseTypes.find((x) => x.id === current.disputeType)?.items.find((i) => i.id === itemId)?.title ?? itemId;
              return (
                <button type="button" className="dm-small" onClick={() => void capture(current.id, itemId, title)}>
                  {t('caseUi.capture', { item: title })}
                </button>
              );
            }}
          />
          <CaseDetailsForm key={current.id} record={current} onChange={replace} idPrefix="dm-details" />
          <button type="button" onClick={() => void send('cases.openPage', { caseId: current.id })}>
            {t('caseUi.openPage')}
          </button>
        </section>
      )}
      {effectiveOrder && defs && cases && (cases.length === 0 || cases.every((c) => c.disputeType !== typeId)) && (
        <form aria-label={t('caseUi.openForm')} onSubmit={(e) => void openCase(e)}>
          <h3>{t('caseUi.openForm')}</h3>
          <SelectField
            label={t('caseUi.caseType')}
            value={typeId}
            onChange={setCaseTypeId}
            options={defs.caseTypes.map((c) => ({ value: c.id, label: c.title }))}
          />
          <SelectField
            label={t('caseUi.platform')}
            value={platformId}
            onChange={setPlatform}
            options={defs.platforms.map((p) => ({ value: p.id, label: p.name }))}
          />
          <StartInput
            id="dm-open-start"
            event={startEvent}
            value={startValue}
            onChange={setStartText}
            pageStart={pageStartApplies(startEvent) ? pageStart : null}
          />
          <p className="dm-muted small">
            {startFromPage !== null && startText === null
              ? t('caseStart.fromPage', { event: startEventName(t, startEvent) })
              : !startValue.trim()
                ? t('caseStart.ask', { event: startEventName(t, startEvent) })
                : t('caseStart.byAgent', { event: startEventName(t, startEvent) })}
          </p>
          <button type="submit" className="dm-primary">
            {t('caseUi.open')}
          </button>
        </form>
      )}
      <StatusLine status={status} error={error} />
    </div>
  );
}
