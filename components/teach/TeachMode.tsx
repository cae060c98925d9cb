import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { usePicker } from './usePicker';
import { CountingFields, countingDraft, readCounting, type CountingDraft } from './CountingFields';
import { DetectionLines, SenderList } from './DetectionLines';
import { derivePick, STEPS, type Picks, type StepId } from './picks';
import { SelectorFields } from './SelectorFields';
import { StepList } from './StepList';
import { useDetection } from './useDetection';
import { ErrorList } from '@/components/ErrorList';
import { useI18n } from '@/components/i18n';
import type { SiteConfig } from '@/lib/sites/schema';
import { domSelectorChecker, selectorProblems } from '@/lib/sites/selectors';
import { errorText } from '@/lib/i18n/errors';
import {
  buildConfig,
  composedParent,
  conversationIdFromUrl,
  describeElement,
  emptyFields,
  fieldsToSelectors,
  pickable,
  selectorsToFields,
  siteOf,
  type TeachFields,
} from '@/lib/sites/teach';

// "Teach this site": the agent picks a customer message, one of their own, the reply box (and
// optionally the title and a conversation in the list) on the page; Deskmate derives selectors,
// shows live what it now detects, lets the agent correct the selectors, and hands a validated
// site config to onSave. Rendered inside the overlay's shadow root; the page is only read (one
// element's layout for the outline) and, while picking, its pointer events are swallowed.

export interface TeachModeProps {
  /** The page's document (the one the selectors are for). */
  doc: Document;
  /** The page address: host and protocol of the config, a conversation id in it. */
  url: string;
  /** Receives a config whose selectors parse in `doc` (the background validates it whole). A rejection is shown. */
  onSave: (config: SiteConfig) => void | Promise<void>;
  onCancel: () => void;
}

function initialFields(url: string): TeachFields {
  const fromUrl = conversationIdFromUrl(url);
  return fromUrl ? selectorsToFields({ activeConversation: fromUrl }) : emptyFields;
}

export function TeachMode({ doc, url, onSave, onCancel }: TeachModeProps) {
  const { t } = useI18n();
  const site = useMemo(() => siteOf(url), [url]);
  const hostname = site.host.replace(/:\d+$/, '');
  const [fields, setFields] = useState<TeachFields>(() => initialFields(url));
  const [name, setName] = useState(hostname);
  const [counting, setCounting] = useState<CountingDraft>(() => countingDraft('helpdesk'));
  const [picking, setPicking] = useState<StepId | null>(null);
  const [picked, setPicked] = useState<Partial<Record<StepId, string>>>({});
  const [notice, setNotice] = useState('');
  const [outlined, setOutlined] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [dock, setDock] = useState<'left' | 'right'>('right');

  const rootRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const pickButtons = useRef<Partial<Record<StepId, HTMLButtonElement | null>>>({});
  const elements = useRef<Picks>({});
  const ids = useId();

  // ---- derivation -------------------------------------------------------

  const apply = useCallback(
    (step: StepId, el: Element) => {
      elements.current[step] = el;
      const show = (s: StepId, target: Element) => setPicked((p) => ({ ...p, [s]: describeElement(target) }));
      show(step, el);
      const outcome = derivePick(step, el, doc, elements.current, t);
      const gone = outcome.forgotten;
      if (gone) {
        delete elements.current[gone];
        setPicked((p) => ({ ...p, [gone]: undefined }));
      }
      for (const [s, target] of outcome.shown) show(s, target);
      if (outcome.fields) setFields(outcome.fields);
      setNotice(outcome.notice);
    },
    [doc, t],
  );

  const focusAfter = useCallback((step: StepId) => {
    const next = STEPS.find((s) => !s.optional && !elements.current[s.id]);
    const button = next
      ? pickButtons.current[next.id]
      : step === 'title' || step === 'conversation'
        ? pickButtons.current[step]
        : saveRef.current;
    button?.focus();
  }, []);

  const choose = useCallback(
    (el: Element) => {
      const step = picking;
      if (!step) return;
      setPicking(null);
      setOutlined('');
      try {
        apply(step, el);
      } catch (err) {
        setNotice(t('common.error', { message: errorText(err, t) }));
      }
      focusAfter(step);
    },
    [picking, apply, focusAfter, t],
  );

  const stopPicking = useCallback(() => {
    const step = picking;
    setPicking(null);
    setOutlined('');
    if (step) pickButtons.current[step]?.focus();
  }, [picking]);

  const widen = (step: StepId) => {
    const current = elements.current[step];
    const parent = current ? pickable(composedParent(current)) : null;
    if (parent) apply(step, parent);
  };

  // ---- picking: outline under the pointer, swallow the page's pointer events (usePicker) ----

  usePicker({
    active: !!picking,
    doc,
    rootRef,
    boxRef,
    onChoose: choose,
    onStop: stopPicking,
    onOutline: (el) => setOutlined(describeElement(el)),
  });

  // ---- the config and live detection -------------------------------------------------------

  const built = useMemo(() => {
    const read = readCounting(counting);
    const config = buildConfig({
      host: site.host,
      protocol: site.protocol,
      path: site.path,
      name,
      profile: counting.profile,
      counting: read.ok ? { targetSec: read.targetSec, hours: read.hours } : undefined,
      parts: fieldsToSelectors(fields),
    });
    // Selectors are checked here (the page's DOM parses them); the background validates the
    // whole config with the schema when it is saved, and a refusal is shown.
    const bad = selectorProblems(config, domSelectorChecker(doc));
    const parsed: { ok: true; value: SiteConfig } | { ok: false; errors: string[] } = bad.length
      ? { ok: false, errors: bad }
      : { ok: true, value: config as SiteConfig };
    return { config, parsed };
  }, [fields, name, counting, site, doc]);

  const detection = useDetection(built.parsed.ok ? built.parsed.value : null, doc, url, elements);

  // ---- save ---------------------------------------------------------------------------------

  const save = async () => {
    const problems: string[] = [];
    const s = built.config.selectors;
    if (!s.message || !s.messageSender) problems.push(t('teach.needMessages'));
    if (!s.composer) problems.push(t('teach.needComposer'));
    const read = readCounting(counting);
    if (!read.ok) for (const p of read.problems) problems.push(t(p === 'target' ? 'teach.badTarget' : 'teach.badHours'));
    if (!built.parsed.ok) problems.push(...built.parsed.errors);
    setErrors(problems);
    setSaved(false);
    if (problems.length || !built.parsed.ok) return;
    setSaving(true);
    try {
      await onSave(built.parsed.value);
      setSaved(true);
    } catch (err) {
      setErrors([errorText(err, t)]);
    } finally {
      setSaving(false);
    }
  };

  // ---- render -------------------------------------------------------------------------------

  return (
    <>
      <div
        ref={rootRef}
        className={`dm-teach dm-teach-${dock}`}
        role="dialog"
        aria-labelledby={`${ids}-title`}
        data-picking={picking ? '' : undefined}
      >
        <header className="dm-teach-head">
          <h2 id={`${ids}-title`}>{t('teach.title')}</h2>
          <button
            type="button"
            className="dm-teach-icon"
            aria-label={t(dock === 'right' ? 'teach.dockLeft' : 'teach.dockRight')}
            onClick={() => setDock(dock === 'right' ? 'left' : 'right')}
          >
            {dock === 'right' ? '⇤' : '⇥'}
          </button>
          <button type="button" className="dm-teach-icon" aria-label={t('common.cancel')} onClick={onCancel}>
            ×
          </button>
        </header>
        <p className="dm-teach-muted">{t('teach.intro', { host: hostname })}</p>

        <StepList
          picking={picking}
          picked={picked}
          buttonRef={(step, el) => {
            pickButtons.current[step] = el;
          }}
          onToggle={(step, active) => {
            setOutlined('');
            setPicking(active ? null : step);
          }}
          onWiden={widen}
        />
        {picking && <p className="dm-teach-hint">{t('teach.pickingHint')}</p>}
        <p className="dm-teach-notice" role="status">
          {outlined ? t('teach.outlined', { what: outlined }) : notice}
        </p>

        <section className="dm-teach-detect" aria-labelledby={`${ids}-detect`}>
          <h3 id={`${ids}-detect`}>{t('teach.detectHeading')}</h3>
          <DetectionLines detection={detection} />
          {detection?.kind === 'ok' && detection.value.messages.length > 0 && (
            <SenderList
              messages={detection.value.messages}
              onCorrect={(el, kind) => {
                try {
                  apply(kind, el);
                } catch (err) {
                  setNotice(t('common.error', { message: errorText(err, t) }));
                }
              }}
            />
          )}
        </section>

        <SelectorFields fields={fields} onChange={(key, value) => setFields((f) => ({ ...f, [key]: value }))} />

        <div className="dm-teach-site">
          <label htmlFor={`${ids}-name`}>{t('teach.fieldName')}</label>
          <input id={`${ids}-name`} type="text" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </div>
        <CountingFields value={counting} onChange={setCounting} />

        <ErrorList errors={errors} heading={t('teach.cannotSave')} />
        <p className="dm-teach-status" role="status">
          {saving ? t('teach.saving') : saved ? t('teach.saved', { host: hostname }) : ''}
        </p>
        <div className="dm-teach-actions">
          <button ref={saveRef} type="button" className="dm-teach-primary" disabled={saving} onClick={() => void save()}>
            {t('common.save')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
      {/* Outside the dialog: only pointer-transparent decoration over the page. */}
      <div ref={boxRef} className="dm-teach-outline" hidden aria-hidden="true" />
    </>
  );
}
