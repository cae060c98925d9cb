import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { useI18n } from '@/components/i18n';
import { errorText, localizeError } from '@/lib/i18n/errors';
import { editableRoot, isTextField } from '@/lib/insert/editors';
import type { SavedCaret } from '@/lib/insert/bridge';
import { search, type PickerTemplate, type SearchIndex } from '@/lib/templates/search';
import { send } from '@/lib/messaging/client';
import { configName } from '@/lib/sites/names';
import { pageFields } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import { useOverlayStore, type OverlayTab } from './store';
import { LintWatcher } from './LintWatcher';
import { Picker } from './Picker';
import { TimerWatcher } from './TimerWatcher';
import { CasesTab } from './CasesTab';
import { TeachMode } from '@/components/teach/TeachMode';
import { useMatchedConfig, type MatchedConfig } from './useMatchedConfig';
import { SiteChoice } from './SiteChoice';
import { HealthNotice, useSiteHealth } from '@/components/sites/HealthNotice';
import { useTemplates } from './useTemplates';
import { usePageSnapshot } from './usePageSnapshot';
import { StorageFullNotice } from '@/components/StorageFullNotice';
import { Tabs } from '@/components/ui/Tabs';
import { useStored } from '@/components/useStored';
import { clampLauncher, launcherPosition, type LauncherPosition } from '@/lib/settings/launcher';

interface LastField {
  el: HTMLElement;
  caret: SavedCaret | null;
}

function caretOf(el: HTMLElement): SavedCaret | null {
  if (isTextField(el)) return { start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  const sel = el.ownerDocument.getSelection();
  return sel && sel.rangeCount && el.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null;
}

export function OverlayApp({ ctx }: { ctx: ContentScriptContext }) {
  const { t, locale } = useI18n();
  const { open, tab, setOpen, setTab, picker, pickerSeq, closePicker, teaching, setTeaching, capturing } = useOverlayStore();
  const { config, resolution } = useMatchedConfig();
  const { index, noteUse } = useTemplates();
  const topFrame = window === window.top;
  const launcherRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // The field the agent last typed in, and where its caret was when focus left it (for the panel).
  const lastField = useRef<LastField | null>(null);
  useEffect(() => {
    const onFocusOut = (e: FocusEvent) => {
      const el = editableRoot(e.target);
      if (!el) return;
      lastField.current = { el, caret: caretOf(el) };
    };
    document.addEventListener('focusout', onFocusOut, true);
    return () => document.removeEventListener('focusout', onFocusOut, true);
  }, []);
  const position = useStored(launcherPosition) ?? { side: 'right', y: 0.4 };
  // Opening the panel moves focus into it (onto the selected tab); Escape gives it back.
  const panelShown = topFrame && open && !teaching;
  useEffect(() => {
    if (panelShown) panelRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }, [panelShown]);
  const close = useCallback(() => {
    setOpen(false);
    launcherRef.current?.focus();
  }, [setOpen]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };

  // On an order or refund page a config recognises (an order number, no conversation), the panel
  // opens on that order's case. In the chat console it stays on the templates.
  useEffect(() => {
    if (!config?.selectors.orderNo) return;
    const fields = pageFields(config, document, location.href);
    if (fields.orderNo && !fields.conversationId) useOverlayStore.getState().setTab('cases');
  }, [config]);

  const tabs: { id: OverlayTab; label: string }[] = [
    { id: 'templates', label: t('overlay.tabTemplates') },
    { id: 'cases', label: t('caseUi.tab') },
    { id: 'status', label: t('overlay.tabStatus') },
  ];

  return (
    <div className="dm-root" lang={locale} style={capturing ? { visibility: 'hidden' } : undefined}>
      {config && <LintWatcher ctx={ctx} config={config} />}
      {config && <TimerWatcher ctx={ctx} config={config} />}
      {picker && <Picker key={pickerSeq} request={picker} index={index} config={config} onClose={closePicker} onUsed={noteUse} />}
      {topFrame && teaching && (
        <TeachMode
          doc={document}
          url={location.href}
          onSave={async (taught) => {
            await send('sites.save', { config: taught });
            setTeaching(false);
            useOverlayStore.getState().sitesChanged();
          }}
          onCancel={() => setTeaching(false)}
        />
      )}
      {topFrame && open && !teaching && (
        <div
          ref={panelRef}
          className={`dm-panel dm-panel-${position.side}`}
          role="dialog"
          aria-label={t('overlay.panelTitle')}
          onKeyDown={onKeyDown}
        >
          <header className="dm-header">
            <strong>{t('overlay.panelTitle')}</strong>
            <button type="button" className="dm-icon" aria-label={t('common.close')} onClick={close}>
              ×
            </button>
          </header>
          <StorageFullNotice className="dm-error" />
          {config && <OverlayHealth id={config.id} name={configName(config, locale)} />}
          <Tabs
            tabs={tabs}
            selected={tab}
            onSelect={setTab}
            label={t('overlay.panelTitle')}
            idPrefix="dm"
            className="dm-tabs"
            panelClassName="dm-body"
          >
            {tab === 'templates' && <TemplatesTab index={index} config={config} lastField={() => lastField.current} />}
            {tab === 'cases' && <CasesTab ctx={ctx} config={config} />}
            {tab === 'status' && <StatusTab ctx={ctx} config={config} resolution={resolution} />}
          </Tabs>
        </div>
      )}
      {topFrame && <Launcher buttonRef={launcherRef} open={open} onToggle={() => setOpen(!open)} position={position} />}
    </div>
  );
}

const DRAG_PX = 5;

/**
 * The launcher: a slim tab on the window's edge (out of the page's own corners). Dragging it moves
 * it along the edge or to the other edge; Alt+↑/↓ and Alt+←/→ do the same from the keyboard. The
 * position is kept in the extension's storage.
 */
function Launcher({
  buttonRef,
  open,
  onToggle,
  position,
}: {
  buttonRef: React.RefObject<HTMLButtonElement | null>;
  open: boolean;
  onToggle: () => void;
  position: LauncherPosition;
}) {
  const { t } = useI18n();
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const dragged = useRef(false);
  const [live, setLive] = useState<LauncherPosition | null>(null);
  const shown = live ?? position;
  const save = (p: LauncherPosition) => void launcherPosition.setValue(clampLauncher(p));
  const at = (e: React.PointerEvent): LauncherPosition =>
    clampLauncher({ side: e.clientX < window.innerWidth / 2 ? 'left' : 'right', y: 1 - e.clientY / window.innerHeight });
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`dm-launcher dm-launcher-${shown.side}`}
      style={{ bottom: `${shown.y * 100}vh` }}
      aria-label={t('overlay.launcher')}
      aria-expanded={open}
      title={t('overlay.launcherMove')}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        drag.current = { x: e.clientX, y: e.clientY, moved: false };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d) return;
        if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_PX) return;
        d.moved = true;
        setLive(at(e));
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = null;
        if (d?.moved) {
          dragged.current = true;
          save(at(e));
          setLive(null);
        }
      }}
      onClick={() => {
        // The click that ends a drag does not open the panel.
        if (dragged.current) {
          dragged.current = false;
          return;
        }
        onToggle();
      }}
      onKeyDown={(e) => {
        if (!e.altKey) return;
        const step = 0.05;
        const next =
          e.key === 'ArrowUp'
            ? { ...position, y: position.y + step }
            : e.key === 'ArrowDown'
              ? { ...position, y: position.y - step }
              : e.key === 'ArrowLeft'
                ? { ...position, side: 'left' as const }
                : e.key === 'ArrowRight'
                  ? { ...position, side: 'right' as const }
                  : null;
        if (!next) return;
        e.preventDefault();
        save(next);
      }}
    >
      {t('app.name')}
    </button>
  );
}

/** At most this many rows are drawn; the count says how many match. */
const PANEL_ROWS = 200;

/**
 * The 话术 tab as an agent's quick-phrase panel (千牛's 快捷短语): search with the picker's index,
 * folders, click or Enter inserts into the field the agent last typed in (through the picker's
 * insertion path, fill-in fields included), the true count, and "+ 新建" for a quick add.
 */
function TemplatesTab({
  index,
  config,
  lastField,
}: {
  index: SearchIndex | null;
  config: SiteConfig | null;
  lastField: () => LastField | null;
}) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const [folder, setFolder] = useState('');
  const [active, setActive] = useState(0);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [title, setTitle] = useState('');
  const [shortcode, setShortcode] = useState('');
  const [body, setBody] = useState('');
  const listRef = useRef<HTMLUListElement>(null);

  const folders = useMemo(
    () =>
      index
        ? [...new Set(index.entries.map((e) => e.t.folder.split('/')[0]!).filter(Boolean))].sort((a, b) => a.localeCompare(b, locale))
        : [],
    [index, locale],
  );
  const results = useMemo(() => {
    if (!index) return [];
    const all = search(index, query, { siteId: config?.id ?? null, limit: Number.MAX_SAFE_INTEGER });
    return folder ? all.filter((r) => r.folder === folder || r.folder.startsWith(`${folder}/`)) : all;
  }, [index, query, folder, config]);
  const current = results[Math.min(active, results.length - 1)];

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (template: PickerTemplate) => {
    const field = lastField();
    if (!field) {
      setNotice(t('overlay.noField'));
      return;
    }
    setNotice('');
    useOverlayStore.getState().openPicker({ target: field.el, mode: 'command', template, caret: field.caret });
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step && results.length) {
      e.preventDefault();
      setActive((a) => (a + step + results.length) % results.length);
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      choose(current);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const saved = await send('templates.save', { title, body, shortcode: shortcode || undefined });
      setStatus(t('overlay.added', { title: saved.title }));
      setTitle('');
      setShortcode('');
      setBody('');
      setAdding(false);
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  const listId = 'dm-tpl-list';
  return (
    <div className="dm-tpl">
      {adding ? (
        <form className="dm-tpl-add" onSubmit={(e) => void submit(e)} aria-label={t('overlay.quickAdd')}>
          <h3>{t('overlay.quickAdd')}</h3>
          <label>
            <span>{t('overlay.fieldTitle')}</span>
            <input type="text" value={title} required autoFocus onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            <span>{t('overlay.fieldShortcode')}</span>
            <input type="text" value={shortcode} onChange={(e) => setShortcode(e.target.value)} />
          </label>
          <label>
            <span>{t('overlay.fieldBody')}</span>
            <textarea value={body} required rows={4} onChange={(e) => setBody(e.target.value)} />
          </label>
          <div className="dm-row">
            <button type="submit" className="dm-primary">
              {t('common.save')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </div>
          {error && (
            <p role="alert" className="dm-error">
              {t('common.error', { message: localizeError(error, locale) })}
            </p>
          )}
        </form>
      ) : (
        <>
          <div className="dm-tpl-head">
            <input
              type="search"
              role="combobox"
              aria-label={t('overlay.searchTemplates')}
              placeholder={t('overlay.searchTemplates')}
              aria-expanded={results.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={current ? `dm-tpl-${current.id}` : undefined}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={onSearchKey}
            />
            <select
              aria-label={t('overlay.folder')}
              value={folder}
              onChange={(e) => {
                setFolder(e.target.value);
                setActive(0);
              }}
            >
              <option value="">{t('overlay.allFolders')}</option>
              {folders.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          {!index && <p className="dm-muted">{t('common.loading')}</p>}
          {index && results.length === 0 && (
            <p className="dm-muted">{index.entries.length ? t('picker.empty', { query }) : t('overlay.templatesEmpty')}</p>
          )}
          <ul ref={listRef} id={listId} role="listbox" aria-label={t('overlay.tabTemplates')} className="dm-tpl-list" tabIndex={-1}>
            {results.slice(0, PANEL_ROWS).map((r, i) => (
              <li
                key={r.id}
                id={`dm-tpl-${r.id}`}
                role="option"
                aria-selected={r === current}
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => i !== active && setActive(i)}
                onClick={() => choose(r)}
              >
                <span className="dm-opt-title">{r.title}</span>
                {r.shortcode && <code>/{r.shortcode}</code>}
                <span className="dm-tpl-body">{r.body}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <footer className="dm-tpl-foot">
        <span className="dm-muted" role="status">
          {notice || status || (index ? t('overlay.templatesCount', { count: results.length }) : '')}
        </span>
        {!adding && (
          <button type="button" className="dm-new" aria-label={t('overlay.quickAdd')} onClick={() => setAdding(true)}>
            {t('overlay.newTemplate')}
          </button>
        )}
      </footer>
    </div>
  );
}

function StatusTab({
  ctx,
  config,
  resolution,
}: {
  ctx: ContentScriptContext;
  config: SiteConfig | null;
  resolution: MatchedConfig['resolution'];
}) {
  const { t, locale } = useI18n();
  const snap = usePageSnapshot(ctx, config, true);
  const teach = (
    <button type="button" onClick={() => useOverlayStore.getState().setTeaching(true)}>
      {t('teach.title')}
    </button>
  );
  if (!config)
    return (
      <div>
        <p className="dm-muted">{t('overlay.siteUnknown')}</p>
        {teach}
      </div>
    );
  const customer = snap?.messages.filter((m) => m.sender === 'customer').length ?? 0;
  const agent = snap?.messages.filter((m) => m.sender === 'agent').length ?? 0;
  return (
    <dl className="dm-facts">
      <dt>{t('overlay.site', { name: configName(config, locale) })}</dt>
      {resolution && (
        <dd>
          <SiteChoice resolution={resolution} />
        </dd>
      )}
      {/* The conversation's internal id means nothing to the agent: only whether one is recognised. */}
      <dd>{snap?.conversationId ? t('overlay.conversation') : t('overlay.noConversation')}</dd>
      {snap?.buyerName && <dd>{t('overlay.buyer', { name: snap.buyerName })}</dd>}
      {snap && snap.messages.length > 0 && <dd>{t('overlay.messages', { customer, agent })}</dd>}
      {snap?.orderNo && <dd>{t('overlay.order', { order: snap.orderNo })}</dd>}
      {snap?.disputeType && <dd>{t('overlay.dispute', { type: snap.disputeType })}</dd>}
      <dd>{teach}</dd>
    </dl>
  );
}

/** The config stopped finding what it needs here: say so, and offer to teach the console again. */
function OverlayHealth({ id, name }: { id: string; name: string }) {
  const health = useSiteHealth(id);
  return <HealthNotice health={health} name={name} className="dm-error" onReteach={() => useOverlayStore.getState().setTeaching(true)} />;
}
