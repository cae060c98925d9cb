import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { useI18n } from '@/components/i18n';
import { onEveryEdit } from '@/lib/insert/after-edit';
import { editableRoot, isTextField } from '@/lib/insert/editors';
import { replaceQuery } from '@/lib/insert/insert';
import { textNodeAt } from '@/lib/insert/text-offsets';
import { send } from '@/lib/messaging/client';
import { lintRules } from '@/lib/templates/lint-setting';
import { queryAll } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import { pageTimers } from '@/lib/messaging/lifecycle';
import {
  compileRules,
  defaultLintRules,
  lintSentences,
  lintText,
  sentenceAround,
  type LintFlag,
  type LintRule,
} from '@/lib/templates/lint';

const DEBOUNCE_MS = 350;

function useRules(): LintRule[] {
  const [rules, setRules] = useState<LintRule[]>(defaultLintRules);
  useEffect(() => {
    void lintRules.getValue().then((r) => setRules(r ?? defaultLintRules()));
    return lintRules.watch((r) => setRules(r ?? defaultLintRules()));
  }, []);
  return rules;
}

/** The bottom edge of the conversation's latest message, when the config names messages. */
function lastMessageBottom(config: SiteConfig): number | null {
  const all = queryAll(document, config.selectors.message);
  const last = all[all.length - 1];
  return last ? last.getBoundingClientRect().bottom : null;
}

const MIN_HEIGHT = 56;

/**
 * Where the popover goes: above the composer (below it are the console's send buttons), no taller
 * than the space between the latest message and the composer (it scrolls), so the buyer's latest
 * message stays readable; only when even that space is tiny does it take its minimum height.
 */
export function placement(
  composer: Pick<DOMRect, 'top'>,
  lastMessage: number | null,
  viewport = window.innerHeight,
): { bottom: number; maxHeight: number } {
  const floor = lastMessage !== null && lastMessage < composer.top ? lastMessage + 4 : 8;
  return { bottom: Math.max(8, viewport - composer.top + 6), maxHeight: Math.max(MIN_HEIGHT, composer.top - 6 - floor) };
}

function textOf(el: HTMLElement): string {
  return isTextField(el) ? el.value : (el.textContent ?? '');
}

/**
 * Watches the site's composer (from the site config) and flags forbidden service language beside
 * it. Debounced, never blocks typing, never changes text unless the agent clicks a fix.
 */
export function LintWatcher({ ctx, config }: { ctx: ContentScriptContext; config: SiteConfig }) {
  const { t, locale } = useI18n();
  const rules = useRules();
  const compiled = useMemo(() => compileRules(rules), [rules]);
  const [state, setState] = useState<{
    el: HTMLElement;
    text: string;
    flags: LintFlag[];
    rect: DOMRect;
    lastMessageBottom: number | null;
  } | null>(null);
  const [hidden, setHidden] = useState<string | null>(null);
  const shown = useRef(new Set<string>());
  const selectors = config.selectors.composer;
  // Read when a lint runs (a new config object must not restart the watcher and drop its run).
  const configRef = useRef(config);
  const relint = useRef<((field: HTMLElement) => void) | null>(null);
  useEffect(() => {
    configRef.current = config;
  }, [config]);

  useEffect(() => {
    if (!selectors?.length) return;
    const timers = pageTimers(ctx);
    let timer: number | undefined;
    let current: HTMLElement | null = null;
    const run = () => {
      timer = undefined;
      if (!current?.isConnected) return setState(null);
      const text = textOf(current);
      if (!text.trim()) shown.current.clear(); // message sent: a new one starts
      const flags = lintText(text, compiled, locale);
      for (const f of flags) {
        const key = `${f.ruleId}:${f.phrase}`;
        if (shown.current.has(key)) continue;
        shown.current.add(key);
        void send('lint.record', { ruleId: f.ruleId, kind: 'shown', siteId: config.id }).catch(() => undefined);
      }
      // Two layout reads per debounced run (never in a loop): the composer, and the latest message
      // on screen, which the popover must leave readable.
      setState(
        flags.length
          ? { el: current, text, flags, rect: current.getBoundingClientRect(), lastMessageBottom: lastMessageBottom(configRef.current) }
          : null,
      );
    };
    const onEdit = (from: EventTarget | null) => {
      const field = editableRoot(from);
      if (!field || !selectors.some((s) => field.matches(s) || !!field.closest(s))) return;
      current = field;
      timers.clearTimeout(timer);
      timer = timers.setTimeout(run, DEBOUNCE_MS);
    };
    // After a one-click fix: some editors (Quill) apply it without an edit event the watcher hears.
    relint.current = (field) => {
      current = field;
      timers.clearTimeout(timer);
      timer = timers.setTimeout(run, 0);
    };
    const stopEdits = onEveryEdit(document, onEdit);
    const onCompositionEnd = (e: Event) => onEdit(e.composedPath()[0] ?? null);
    document.addEventListener('compositionend', onCompositionEnd, true);
    return () => {
      stopEdits();
      document.removeEventListener('compositionend', onCompositionEnd, true);
      timers.clearTimeout(timer);
    };
  }, [ctx, selectors, compiled, locale, config.id]);

  if (!state || hidden === state.text) return null;

  const fix = async (flag: LintFlag) => {
    if (!flag.replacement) return;
    const { el } = state;
    const text = textOf(el);
    const span = sentenceAround(text, flag.start, flag.end);
    let ok = false;
    if (isTextField(el))
      ok = (await replaceQuery(el, { kind: 'text', query: '', trigger: '', start: span.start, end: span.end }, flag.replacement)).ok;
    else {
      const at = textNodeAt(el, span.start, span.end) ?? textNodeAt(el, flag.start, flag.end);
      if (at)
        ok = (
          await replaceQuery(editableRoot(at.node.parentElement) ?? el, { kind: 'rich', query: '', trigger: '', ...at }, flag.replacement)
        ).ok;
    }
    if (ok) {
      relint.current?.(el);
      void send('lint.record', { ruleId: flag.ruleId, kind: 'fixed', siteId: config.id }).catch(() => undefined);
    }
  };

  return (
    <section
      className="dm-lint"
      role="region"
      aria-label={t('lint.title')}
      style={{
        left: Math.max(8, state.rect.left),
        maxWidth: Math.min(480, state.rect.width),
        ...placement(state.rect, state.lastMessageBottom),
      }}
    >
      <header className="dm-lint-head">
        <strong>{t('lint.title')}</strong>
        <button
          type="button"
          className="dm-icon"
          aria-label={t('lint.dismiss')}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setHidden(state.text)}
        >
          ×
        </button>
      </header>
      {/* Every rule each sentence breaks: one group per sentence, one entry per rule. */}
      <ul>
        {lintSentences(state.text, state.flags).map((s) => (
          <li key={s.start} className="dm-lint-sentence" aria-label={t('lint.sentence', { n: s.rules.length })}>
            {state.flags.length > 1 && (
              <div className="dm-muted">
                <q>{s.text.trim()}</q> {t('lint.sentence', { n: s.rules.length })}
              </div>
            )}
            <ul>
              {s.rules.map(({ flag: f, phrases }) => (
                <li key={f.ruleId} className={f.severity === 'error' ? 'dm-lint-error' : 'dm-lint-warning'}>
                  <div>
                    {phrases.map((p) => (
                      <mark key={p}>{p}</mark>
                    ))}{' '}
                    <span className="dm-muted">{f.severity === 'error' ? t('lint.error') : t('lint.warning')}</span>
                  </div>
                  <div>{f.message}</div>
                  <div className="dm-muted">{t('lint.suggestion', { suggestion: f.suggestion })}</div>
                  {f.replacement && (
                    <button
                      type="button"
                      className="dm-primary"
                      onMouseDown={(e) => e.preventDefault() /* keep focus in the composer */}
                      onClick={() => void fix(f)}
                    >
                      {t('lint.replace')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
