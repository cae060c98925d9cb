import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { rovingKeyDown } from '@/components/ui/roving';
import { getDb } from '@/lib/db/database';
import type { TemplateRecord } from '@/lib/db/records';
import { searchKeys } from '@/lib/templates/search-keys';
import { buildIndex, search, type PickerTemplate } from '@/lib/templates/search';
import { deleteTemplates, moveTemplates } from '@/lib/templates/store';
import { ImportExport } from './ImportExport';
import { TemplateEditor } from './TemplateEditor';

const ROW = 44;

function toPicker(t: TemplateRecord): PickerTemplate {
  return { ...t, ...(t.py === undefined || t.pyi === undefined ? searchKeys(t.title) : { py: t.py, pyi: t.pyi }) };
}

interface FolderNode {
  path: string;
  name: string;
  depth: number;
  count: number;
}

function folderTree(templates: readonly TemplateRecord[]): FolderNode[] {
  const counts = new Map<string, number>();
  for (const t of templates) {
    const parts = t.folder ? t.folder.split('/') : [];
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
    .map(([path, count]) => ({ path, count, name: path.split('/').at(-1) ?? path, depth: path.split('/').length - 1 }));
}

/** The options page's template library: folder tree, search, virtualised list, bulk actions, editor. */
export function TemplateManager() {
  const { t } = useI18n();
  const templates = useLiveQuery(() => getDb().templates.toArray(), []);
  const [folder, setFolder] = useState('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [note, setNote] = useState('');
  const listRef = useRef<HTMLDivElement>(null);

  const index = useMemo(() => (templates ? buildIndex(templates.map(toPicker)) : null), [templates]);
  const folders = useMemo(() => folderTree(templates ?? []), [templates]);
  const shown = useMemo(() => {
    if (!templates || !index) return [];
    const inFolder = (x: { folder: string }) => !folder || x.folder === folder || x.folder.startsWith(folder + '/');
    if (!query.trim())
      return templates
        .filter(inFolder)
        .sort((a, b) => a.folder.localeCompare(b.folder, 'zh-CN') || a.title.localeCompare(b.title, 'zh-CN'));
    const byId = new Map(templates.map((x) => [x.id, x]));
    return search(index, query, { limit: templates.length, siteId: null })
      .map((p) => byId.get(p.id)!)
      .filter((x) => x && inFolder(x));
  }, [templates, index, folder, query]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const editingRecord = editing && editing !== 'new' ? (templates?.find((x) => x.id === editing) ?? null) : null;

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allShownSelected = shown.length > 0 && shown.every((x) => selected.has(x.id));

  const bulkDelete = async () => {
    if (!confirm(t('tm.confirmDelete', { count: selected.size }))) return;
    await deleteTemplates(getDb(), [...selected]);
    setSelected(new Set());
  };
  const bulkMove = async () => {
    const target = prompt(t('tm.moveTo', { count: selected.size }), folder);
    if (target === null) return;
    await moveTemplates(getDb(), [...selected], target);
    setSelected(new Set());
  };

  return (
    <section className="tm" aria-label={t('options.tabTemplates')}>
      <div className="tm-toolbar row">
        <input
          type="search"
          aria-label={t('tm.search')}
          placeholder={t('tm.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('tm.new')}
        </button>
        <ImportExport />
      </div>
      <div className="tm-body">
        {/* One Tab stop (the current folder); ↑/↓ move between folders, Enter chooses. */}
        <nav className="tm-folders" aria-label={t('tm.folders')} onKeyDown={rovingKeyDown}>
          <ul className="plain">
            <li>
              <button
                type="button"
                tabIndex={folder === '' ? 0 : -1}
                aria-current={folder === '' ? 'true' : undefined}
                onClick={() => setFolder('')}
              >
                {t('tm.allFolders')} <span className="muted">{templates?.length ?? 0}</span>
              </button>
            </li>
            {folders.map((f) => (
              <li key={f.path} style={{ paddingLeft: f.depth * 14 }}>
                <button
                  type="button"
                  tabIndex={folder === f.path ? 0 : -1}
                  aria-current={folder === f.path ? 'true' : undefined}
                  onClick={() => setFolder(f.path)}
                >
                  {f.name} <span className="muted">{f.count}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tm-listwrap">
          <div className="row tm-bulk">
            <label className="row">
              <input
                type="checkbox"
                checked={allShownSelected}
                onChange={() => setSelected(allShownSelected ? new Set() : new Set(shown.map((x) => x.id)))}
              />
              {t('tm.selectAll')}
            </label>
            <span className="muted">{t('tm.count', { shown: shown.length, total: templates?.length ?? 0 })}</span>
            {selected.size > 0 && (
              <>
                <span>{t('tm.selected', { count: selected.size })}</span>
                <button type="button" onClick={() => void bulkMove()}>
                  {t('tm.moveSelected')}
                </button>
                <button type="button" onClick={() => void bulkDelete()}>
                  {t('tm.deleteSelected')}
                </button>
              </>
            )}
          </div>
          {templates && shown.length === 0 && <p className="muted">{t('tm.empty')}</p>}
          <div ref={listRef} className="tm-list" role="list" aria-label={t('options.tabTemplates')}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((row) => {
                const tpl = shown[row.index]!;
                return (
                  <div
                    key={tpl.id}
                    role="listitem"
                    className={editing === tpl.id ? 'tm-row active' : 'tm-row'}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${row.start}px)` }}
                  >
                    <input
                      type="checkbox"
                      aria-label={t('tm.select', { title: tpl.title })}
                      checked={selected.has(tpl.id)}
                      onChange={() => toggle(tpl.id)}
                    />
                    <button
                      type="button"
                      className="tm-open"
                      onClick={() => {
                        setEditing(tpl.id);
                        setNote('');
                      }}
                    >
                      <span className="tm-title">{tpl.title}</span>
                      {tpl.shortcode && <code>/{tpl.shortcode}</code>}
                      <span className="muted tm-folder">{tpl.folder}</span>
                      {tpl.useCount > 0 && <span className="muted">{t('tm.used', { count: tpl.useCount })}</span>}
                    </button>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        <div className="tm-side">
          <p role="status" className="tm-note">
            {note}
          </p>
          {editing && (
            <TemplateEditor
              key={editing}
              template={editingRecord}
              folder={folder}
              onEdit={() => setNote('')}
              onDone={(id) => {
                setEditing(id);
                setNote(id ? t('tm.saved') : '');
              }}
            />
          )}
        </div>
      </div>
    </section>
  );
}
