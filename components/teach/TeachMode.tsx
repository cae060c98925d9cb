import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { usePicker } from './usePicker';
import { CountingFields, countingDraft, readCounting, type CountingDraft } from './CountingFields';
import { ErrorList } from '@/components/ErrorList';
import { useI18n } from '@/components/i18n';
import type { MessageKey } from '@/lib/i18n';
import { extractValue, observedAttributes } from '@/lib/sites/extract';
import type { SenderKind, SiteConfig } from '@/lib/sites/schema';
import { domSelectorChecker, selectorProblems } from '@/lib/sites/selectors';
import { errorText } from '@/lib/i18n/errors';
import {
  buildConfig,
  composedParent,
  conversationIdFromUrl,
  deriveComposer,
  deriveConversationList,
  deriveMessageRule,
  deriveTitle,
  describeElement,
  detect,
  emptyFields,
  fieldsToSelectors,
  pickable,
  sameMessage,
  scoped,
  scopedRule,
  scopeOf,
  selectorsToFields,
  siteOf,
  type Detection,
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

type StepId = 'customer' | 'agent' | 'composer' | 'title' | 'conversation';

const STEPS: { id: StepId; label: MessageKey; optional: boolean }[] = [
  { id: 'customer', label: 'teach.stepCustomer', optional: false },
  { id: 'agent', label: 'teach.stepAgent', optional: false },
  { id: 'composer', label: 'teach.stepComposer', optional: false },
  { id: 'title', label: 'teach.stepTitle', optional: true },
  { id: 'conversation', label: 'teach.stepConversation', optional: true },
];

/** Detection waits for the page to settle, but never longer than MAX_WAIT_MS under constant change. */
const DEBOUNCE_MS = 250;
const MAX_WAIT_MS = 1000;

type DetectionState = { kind: 'ok'; value: Detection } | { kind: 'invalid' } | null;

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
  const [detection, setDetection] = useState<DetectionState>(null);

  const rootRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const pickButtons = useRef<Partial<Record<StepId, HTMLButtonElement | null>>>({});
  const elements = useRef<Partial<Record<StepId, Element>>>({});
  const ids = useId();

  // ---- derivation -------------------------------------------------------

  const apply = useCallback(
    (step: StepId, el: Element) => {
      elements.current[step] = el;
      const show = (s: StepId, target: Element) => setPicked((p) => ({ ...p, [s]: describeElement(target) }));
      show(step, el);
      if (step === 'customer' || step === 'agent') {
        const { customer, agent } = elements.current;
        if (!customer || !agent) {
          setNotice(t(step === 'customer' ? 'teach.nowAgent' : 'teach.nowCustomer'));
          return;
        }
        // A virtualised list may have recycled the first pick meanwhile.
        const gone = !customer.isConnected ? 'customer' : !agent.isConnected ? 'agent' : null;
        if (gone) {
          delete elements.current[gone];
          setPicked((p) => ({ ...p, [gone]: undefined }));
          setNotice(t('teach.pickedGone', { step: t(gone === 'customer' ? 'teach.stepCustomer' : 'teach.stepAgent') }));
          return;
        }
        // Selectors are derived in the root that holds the picks (a shadow root, a frame) and reached with >>>.
        const scope = scopeOf(customer, doc);
        if (scopeOf(agent, doc).root !== scope.root) {
          setNotice(t('teach.noItems'));
          return;
        }
        const d = deriveMessageRule(customer, agent, scope.root);
        if (!d) {
          setNotice(t(sameMessage(customer, agent) ? 'teach.sameMessage' : 'teach.noItems'));
          return;
        }
        show('customer', d.customerItem);
        show('agent', d.agentItem);
        setFields((f) =>
          selectorsToFields(
            {
              message: scoped(scope.prefix, d.message),
              messageSender: d.messageSender,
              messageId: d.messageId,
              messageTime: d.messageTime,
              messageText: d.messageText,
            },
            f,
          ),
        );
        setNotice(
          d.problems.includes('noSender')
            ? t('teach.noSender', { count: d.count })
            : d.problems.includes('senderMismatch')
              ? t('teach.senderMismatch')
              : d.problems.includes('hashedSender')
                ? t('teach.hashedSender', { count: d.count })
                : d.problems.includes('sideSender')
                  ? t('teach.sideSender', { count: d.count })
                  : t('teach.messagesFound', { count: d.count }),
        );
      } else if (step === 'composer') {
        const scope = scopeOf(el, doc);
        const d = deriveComposer(el, scope.root);
        show('composer', d.element);
        setFields((f) => selectorsToFields({ composer: scoped(scope.prefix, d.composer) }, f));
        setNotice('');
      } else if (step === 'title') {
        const scope = scopeOf(el, doc);
        const d = deriveTitle(el, scope.root);
        const buyerName = scopedRule(scope.prefix, d.buyerName);
        setFields((f) => {
          const next = selectorsToFields({ buyerName, conversationHeader: scoped(scope.prefix, d.conversationHeader) }, f);
          // Without an id in the list or the address, the customer's name tells conversations apart.
          if (f.activeConversation || f.activeConversationUrl) return next;
          return selectorsToFields({ activeConversation: { selector: buyerName.selector } }, next);
        });
        setNotice('');
      } else {
        const scope = scopeOf(el, doc);
        const d = deriveConversationList(el, scope.root);
        if (!d) {
          setNotice(t('teach.noList'));
          return;
        }
        show('conversation', d.element);
        setFields((f) => {
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
          return d.activeConversation
            ? selectorsToFields({ activeConversation: scopedRule(scope.prefix, d.activeConversation) }, next)
            : next;
        });
        setNotice('');
      }
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

  useEffect(() => {
    const config = built.parsed.ok ? built.parsed.value : null;
    const win = doc.defaultView ?? window;
    let timer = 0;
    let firstAt = 0;
    const pageUrl = () => {
      const href = doc.location?.href;
      return href && href !== 'about:blank' ? href : url;
    };
    const run = () => {
      timer = 0;
      firstAt = 0;
      if (!config) return setDetection({ kind: 'invalid' });
      try {
        setDetection({ kind: 'ok', value: detect(config, doc, pageUrl()) });
      } catch {
        setDetection({ kind: 'invalid' });
      }
    };
    // One observer, batched: bursts of page changes cost one detection.
    const schedule = () => {
      const now = Date.now();
      firstAt ||= now;
      if (timer) win.clearTimeout(timer);
      timer = win.setTimeout(run, now - firstAt >= MAX_WAIT_MS ? 0 : DEBOUNCE_MS);
    };
    schedule();
    const target = doc.body ?? doc.documentElement;
    const observer = config && target ? new MutationObserver(schedule) : null;
    if (observer && config) {
      const attributeFilter = [
        ...new Set([
          'class',
          ...observedAttributes(config),
          ...(config.selectors.messageSender?.attr ? [config.selectors.messageSender.attr] : []),
        ]),
      ];
      const options = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter };
      observer.observe(target, options);
      // The shadow roots and frame documents the picks are in: a document's observer does not see inside them.
      const roots = new Set(Object.values(elements.current).map((el) => el.getRootNode()));
      for (const r of roots) if (r !== doc && (r.nodeType === 11 || r.nodeType === 9)) observer.observe(r, options);
    }
    return () => {
      observer?.disconnect();
      if (timer) win.clearTimeout(timer);
    };
  }, [built, doc, url]);

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

  const set = (key: keyof TeachFields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const linesHintId = `${ids}-lines`;
  const field = (key: keyof TeachFields, label: MessageKey, multiline = false): ReactNode => (
    <TextField
      key={key}
      id={`${ids}-${key}`}
      label={t(label)}
      value={fields[key]}
      onChange={set(key)}
      multiline={multiline}
      describedBy={multiline ? linesHintId : undefined}
    />
  );

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

        <ol className="dm-teach-steps" aria-label={t('teach.steps')}>
          {STEPS.map((step) => {
            const label = t(step.label);
            const active = picking === step.id;
            const action = active ? t('teach.stopPicking') : picked[step.id] ? t('teach.pickAgain') : t('teach.pick');
            return (
              <li key={step.id} className={picked[step.id] ? 'dm-teach-done' : undefined}>
                <div className="dm-teach-step">
                  <span className="dm-teach-step-name">
                    <span aria-hidden="true" className="dm-teach-check">
                      {picked[step.id] ? '✓' : '○'}
                    </span>
                    {label}
                    {step.optional && <span className="dm-teach-muted"> ({t('teach.optional')})</span>}
                    {picked[step.id] && <span className="dm-teach-sr"> ({t('teach.stepDone')})</span>}
                  </span>
                  <button
                    type="button"
                    ref={(el) => {
                      pickButtons.current[step.id] = el;
                    }}
                    aria-pressed={active}
                    aria-label={t('teach.buttonFor', { action, step: label })}
                    onClick={() => {
                      setOutlined('');
                      setPicking(active ? null : step.id);
                    }}
                  >
                    {action}
                  </button>
                </div>
                {picked[step.id] && (
                  <div className="dm-teach-picked">
                    <span>{t('teach.picked', { what: picked[step.id] ?? '' })}</span>
                    {/* Messages, composer and list items are found from any inner node; a title may need widening. */}
                    {step.id === 'title' && (
                      <button
                        type="button"
                        className="dm-teach-link"
                        aria-label={t('teach.buttonFor', { action: t('teach.widen'), step: label })}
                        onClick={() => widen(step.id)}
                      >
                        {t('teach.widen')}
                      </button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
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

        {/* The selectors stay editable, folded away: picks and the sender list are the way for most agents. */}
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
function SenderList({
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

function DetectionLines({ detection }: { detection: DetectionState }) {
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
