import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useI18n } from '@/components/i18n';
import type { PickerRequest, SavedCaret } from '@/lib/insert/bridge';
import { caretPoint, type Point } from '@/lib/insert/caret-rect';
import { onEveryEdit } from '@/lib/insert/after-edit';
import { insertAtCaret, replaceQuery } from '@/lib/insert/insert';
import { caretSettled, readTrigger, type TriggerMatch } from '@/lib/insert/trigger';
import { send } from '@/lib/messaging/client';
import { agentProfile } from '@/lib/settings';
import { pageFields } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import { search, type PickerTemplate, type SearchIndex } from '@/lib/templates/search';
import { fieldsToAsk, render, type RenderContext } from '@/lib/templates/variables';
import { FillForm, type FormStage } from './FillForm';
import { composing } from './ime';
import { caretOf } from './useLastField';

const LIMIT = 50;
/** A bare "/": the most used few, so the preview keeps room to be read. */
const BARE_LIMIT = 8;
const WIDTH = 380;

interface Props {
  request: PickerRequest;
  index: SearchIndex | null;
  config: SiteConfig | null;
  onClose: () => void;
  onUsed: (templateId: string) => void;
}

type Stage = { kind: 'list' } | FormStage;

function position(point: Point): { left: number; top: number } {
  const height = 420;
  const left = Math.max(8, Math.min(point.left, window.innerWidth - WIDTH - 8));
  const below = point.bottom + 6;
  const top = below + height < window.innerHeight ? below : Math.max(8, point.top - height - 6);
  return { left, top };
}

/** Values for {{buyer}}, {{order}}… from the agent's profile and the page (read at insertion). */
async function renderContext(config: SiteConfig | null, language: string): Promise<RenderContext> {
  const profile = await agentProfile.getValue();
  const page = config ? pageFields(config, document, location.href) : null;
  return {
    buyer: page?.buyerName,
    order: page?.orderNo,
    tracking: page?.trackingNo,
    agent: profile.agentName,
    agentId: profile.agentId,
    shop: profile.shopName,
    now: Date.now(),
    locale: language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en',
  };
}

/** The rendered body with still-missing values shown as 【name】. */
function previewOf(template: PickerTemplate, ctx: RenderContext): string {
  const first = render(template.body, ctx);
  if (!first.missing.length) return first.text;
  return render(template.body, ctx, Object.fromEntries(first.missing.map((f) => [f.key, `【${f.label}】`]))).text;
}

export function Picker({ request, index, config, onClose, onUsed }: Props) {
  const { t } = useI18n();
  const { target, mode } = request;
  const rootRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [query, setQueryState] = useState(() => (mode === 'inline' ? (readTrigger(target)?.query ?? '') : ''));
  const [active, setActive] = useState(0);
  const setQuery = useCallback((q: string) => {
    setQueryState(q);
    setActive(0);
  }, []);
  const [stage, setStage] = useState<Stage>({ kind: 'list' });
  const [error, setError] = useState<string | null>(null);
  const [ctx, setCtx] = useState<RenderContext | null>(null);
  const [pos] = useState(() => position(caretPoint(target)));
  // Where to insert when the picker was opened by the shortcut (focus moves into the picker).
  const savedCaret = useRef<SavedCaret | null>(request.caret ?? null);
  const busy = useRef(false);
  // Our shadow host: focus moving into the overlay (the fill-in form) is retargeted to it.
  const hostRef = useRef<Element | null>(null);
  useLayoutEffect(() => {
    hostRef.current = (rootRef.current?.getRootNode() as ShadowRoot | undefined)?.host ?? null;
  }, []);
  // The trigger match at the moment a form opened: focus leaves the field while the agent fills it.
  const formMatch = useRef<TriggerMatch | null>(null);

  const results = useMemo(
    () => (index ? search(index, query, { siteId: config?.id ?? null, limit: query.trim() ? LIMIT : BARE_LIMIT }) : []),
    [index, query, config],
  );
  const current = results[Math.min(active, results.length - 1)];

  useEffect(() => {
    void renderContext(config, current?.language ?? 'zh-CN').then(setCtx);
  }, [config, current?.language]);

  const insert = useCallback(
    async (template: PickerTemplate, fills: Record<string, string>) => {
      if (busy.current) return;
      busy.current = true;
      try {
        const context = await renderContext(config, template.language);
        const rendered = render(template.body, context, fills);
        if (rendered.missing.length) {
          // Focus leaves the field for the form: remember where the query is now.
          if (mode === 'inline') formMatch.current = readTrigger(target);
          setStage({ kind: 'form', template, fields: fieldsToAsk(template.body, context), values: fills });
          return;
        }
        const match: TriggerMatch | null = mode !== 'inline' ? null : stage.kind === 'form' ? formMatch.current : readTrigger(target);
        target.focus();
        const saved = savedCaret.current;
        if (mode === 'command' && saved) {
          if (saved instanceof Range) {
            const sel = target.ownerDocument.getSelection();
            sel?.removeAllRanges();
            sel?.addRange(saved);
          } else (target as HTMLTextAreaElement).setSelectionRange(saved.start, saved.end);
        }
        const result = match
          ? await replaceQuery(target, match, rendered.text, rendered.caret)
          : await insertAtCaret(target, rendered.text, rendered.caret);
        if (!result.ok) {
          setError(t('picker.insertFailed'));
          return;
        }
        onUsed(template.id);
        void send('templates.recordUse', {
          templateId: template.id,
          siteId: config?.id ?? (location.host || 'local'),
          chars: rendered.text.length,
        }).catch(() => undefined);
        onClose();
      } finally {
        busy.current = false;
      }
    },
    [config, mode, target, onClose, onUsed, t, stage.kind],
  );

  const insertRef = useRef(insert);
  useLayoutEffect(() => {
    insertRef.current = insert;
  });

  const move = useCallback(
    (delta: number) => setActive((a) => (results.length ? (a + delta + results.length) % results.length : 0)),
    [results.length],
  );

  // Inline mode: the query is typed in the page's field; we only read it and steal navigation keys.
  // The key listener is attached once per picker and reads the latest choice through a ref, so
  // re-renders never leave a moment without it.
  const latest = useRef({ current, insert, move });
  useLayoutEffect(() => {
    latest.current = { current, insert, move };
  });
  useEffect(() => {
    if (mode !== 'inline' || stage.kind !== 'list') return;
    const doc = target.ownerDocument;
    const reread = () => {
      const match = readTrigger(target);
      if (match) setQuery(match.query);
      else if (caretSettled(target)) onClose(); // the trigger was deleted or the caret left it
    };
    // Only committed text is a query (onEveryEdit skips compositions).
    const stopEdits = onEveryEdit(doc, (from) => {
      if (from === target || (from instanceof Node && target.contains(from))) reread();
    });
    const onKey = (e: KeyboardEvent) => {
      // Keys a page script synthesises never choose or insert a template (docs/security.md, S1).
      if (!e.isTrusted || composing(e) || e.altKey || e.ctrlKey || e.metaKey) return;
      const stop = () => {
        e.preventDefault();
        e.stopImmediatePropagation();
      };
      if (e.key === 'ArrowDown') {
        stop();
        latest.current.move(1);
      } else if (e.key === 'ArrowUp') {
        stop();
        latest.current.move(-1);
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        const chosen = latest.current.current;
        if (!chosen) return onClose(); // nothing to insert: the key does what it always does
        stop();
        void latest.current.insert(chosen, {});
      } else if (e.key === 'Escape') {
        stop();
        onClose();
      }
    };
    const onPointer = (e: PointerEvent) => {
      const path = e.composedPath();
      if (rootRef.current && path.includes(rootRef.current)) return;
      onClose();
    };
    const onFocusOut = (e: FocusEvent) => {
      const next = e.relatedTarget;
      // Focus moving into our own shadow root (e.g. the fill-in form) shows up as its host.
      const host = hostRef.current;
      if (next === null && doc.hasFocus()) return;
      if (next instanceof Node && (next === host || target.contains(next))) return;
      onClose();
    };
    doc.addEventListener('compositionend', reread, true);
    window.addEventListener('keydown', onKey, true);
    // Keystrokes typed between the first render (which read the query) and now were heard by
    // nobody: read the field once more, or the list shows the results of a shorter query (the
    // agent types fast, or the page is busy, while the overlay mounts).
    if (readTrigger(target)) reread();
    doc.addEventListener('pointerdown', onPointer, true);
    target.addEventListener('focusout', onFocusOut);
    return () => {
      stopEdits();
      doc.removeEventListener('compositionend', reread, true);
      window.removeEventListener('keydown', onKey, true);
      doc.removeEventListener('pointerdown', onPointer, true);
      target.removeEventListener('focusout', onFocusOut);
    };
  }, [mode, stage.kind, target, onClose, setQuery]);

  // Command mode: the picker has its own search box; remember where the caret was in the field.
  useLayoutEffect(() => {
    if (mode !== 'command' || request.caret !== undefined) return;
    savedCaret.current = caretOf(target);
    searchRef.current?.focus();
  }, [mode, target, request.caret]);

  // Chosen in the 话术 panel: inserted at once (or its missing fields asked for).
  const chosen = request.template;
  useEffect(() => {
    if (chosen) void insertRef.current(chosen, {});
  }, [chosen]);

  useEffect(() => {
    rootRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (composing(e)) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      move(1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      move(-1);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && current) {
      e.preventDefault();
      void insert(current, {});
    } else if (e.key === 'Escape') {
      e.preventDefault();
      target.focus();
      onClose();
    }
  };

  if (stage.kind === 'form')
    return (
      <FillForm
        style={{ left: pos.left, top: pos.top, width: WIDTH }}
        stage={stage}
        onCancel={() => {
          setStage({ kind: 'list' });
          target.focus();
        }}
        onSubmit={(values) => void insert(stage.template, values)}
        error={error}
      />
    );

  // A template chosen in the panel needs no list: only its fill-in form, or the error.
  if (chosen && !error) return null;

  const listId = 'dm-picker-list';
  return (
    <div
      ref={rootRef}
      className="dm-picker"
      role="dialog"
      aria-label={t('picker.title')}
      style={{ left: pos.left, top: pos.top, width: WIDTH }}
    >
      {mode === 'command' && (
        <input
          ref={searchRef}
          className="dm-picker-search"
          type="text"
          role="combobox"
          aria-label={t('picker.search')}
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-activedescendant={current ? `dm-opt-${current.id}` : undefined}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
      )}
      {!index && <p className="dm-muted">{t('picker.loading')}</p>}
      {index && results.length === 0 && (
        <p className="dm-muted">{index.entries.length ? t('picker.empty', { query }) : t('picker.emptyLibrary')}</p>
      )}
      <ul id={listId} role="listbox" aria-label={t('picker.results')} className="dm-options" tabIndex={0}>
        {results.map((r, i) => (
          <li
            key={r.id}
            id={`dm-opt-${r.id}`}
            role="option"
            aria-selected={r === current}
            onMouseDown={(e) => e.preventDefault() /* the field keeps focus */}
            onMouseMove={() => i !== active && setActive(i)}
            onClick={() => void insert(r, {})}
          >
            <span className="dm-opt-title">{r.title}</span>
            {r.shortcode && <code>/{r.shortcode}</code>}
            {r.folder && <span className="dm-opt-folder">{r.folder}</span>}
          </li>
        ))}
      </ul>
      {current && ctx && (
        <div className="dm-preview" role="region" tabIndex={0} aria-label={t('picker.preview', { title: current.title })}>
          {previewOf(current, ctx)}
        </div>
      )}
      {/* Inline, the query is typed in the page's own field: its attributes are the page's (editors
          watch their DOM) and aria-activedescendant cannot point into our shadow root, so the active
          option is announced here. Command mode's search box is a full combobox. */}
      {mode === 'inline' && current && (
        <p role="status" className="dm-sr">
          {t('picker.activeOption', { title: current.title, n: results.indexOf(current) + 1, count: results.length })}
        </p>
      )}
      {error && (
        <p role="alert" className="dm-error">
          {error}
        </p>
      )}
      <p className="dm-hint">{t('picker.hint')}</p>
    </div>
  );
}
