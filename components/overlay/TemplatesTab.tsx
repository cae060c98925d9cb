import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '@/components/i18n';
import { errorText, localizeError } from '@/lib/i18n/errors';
import { send } from '@/lib/messaging/client';
import type { SiteConfig } from '@/lib/sites/schema';
import { search, type PickerTemplate, type SearchIndex } from '@/lib/templates/search';
import { useOverlayStore } from './store';
import type { LastField } from './useLastField';

/** At most this many rows are drawn; the count says how many match. */
const PANEL_ROWS = 200;

/**
 * The 话术 tab as an agent's quick-phrase panel (千牛's 快捷短语): search with the picker's index,
 * folders, click or Enter inserts into the field the agent last typed in (through the picker's
 * insertion path, fill-in fields included), the true count, and "+ 新建" for a quick add.
 */
export function TemplatesTab({
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
