import uFuzzy from '@leeoniya/ufuzzy';
import type { TemplateRecord } from '@/lib/db/records';

// The picker's search, run in the content script over the agent's whole library.
// Order: shortcode (exact, then prefix), title, pinyin (full and initials), then a fuzzy match of
// the body; ties broken by use frequency, then recency. `#tag` and `@folder` filter.

/** What the picker indexes: a template record's searchable fields, with its pinyin keys. */
export type PickerTemplate = Pick<
  TemplateRecord,
  'id' | 'title' | 'body' | 'shortcode' | 'folder' | 'tags' | 'sites' | 'language' | 'useCount' | 'lastUsedAt'
> & {
  /** Full pinyin of the title (see search-keys.ts). */
  py: string;
  /** Pinyin initials of the title. */
  pyi: string;
};

interface Entry {
  t: PickerTemplate;
  sc: string;
  title: string;
  folder: string;
  tags: string[];
}

export interface SearchIndex {
  entries: Entry[];
  haystack: string[];
}

export function buildIndex(templates: readonly PickerTemplate[]): SearchIndex {
  const entries = templates.map((t) => ({
    t,
    sc: (t.shortcode ?? '').toLowerCase(),
    title: t.title.toLowerCase(),
    folder: t.folder.toLowerCase(),
    tags: t.tags.map((x) => x.toLowerCase()),
  }));
  return { entries, haystack: templates.map((t) => `${t.title} ${t.body}`) };
}

export interface ParsedQuery {
  text: string;
  tags: string[];
  folders: string[];
}

export function parseQuery(query: string): ParsedQuery {
  const text: string[] = [];
  const tags: string[] = [];
  const folders: string[] = [];
  for (const part of query.trim().toLowerCase().split(/\s+/)) {
    if (!part) continue;
    if (part.startsWith('#') && part.length > 1) tags.push(part.slice(1));
    else if (part.startsWith('@') && part.length > 1) folders.push(part.slice(1));
    else text.push(part);
  }
  return { text: text.join(' '), tags, folders };
}

// Unicode-aware settings (uFuzzy's documented ones for non-Latin text), so Chinese bodies match too.
const fuzzy = new uFuzzy({
  unicode: true,
  interSplit: "[^\\p{L}\\d']+",
  intraSplit: '\\p{Ll}\\p{Lu}',
  intraBound: '\\p{Ll}\\p{Lu}',
  intraChars: "[\\p{L}\\d']",
  intraContr: "'\\p{L}{1,2}\\b",
  intraMode: 1,
  intraIns: 1,
});

const FUZZY_TIER = 6;

function tierOf(e: Entry, q: string): number {
  if (e.sc) {
    if (e.sc === q) return 0;
    if (e.sc.startsWith(q)) return 1;
  }
  if (e.title.startsWith(q)) return 2;
  if (e.title.includes(q)) return 3;
  if (e.t.pyi.startsWith(q) || e.t.py.startsWith(q)) return 4;
  if (e.t.pyi.includes(q) || e.t.py.includes(q)) return 5;
  return FUZZY_TIER;
}

function byUse(a: PickerTemplate, b: PickerTemplate): number {
  return b.useCount - a.useCount || b.lastUsedAt - a.lastUsedAt || a.title.localeCompare(b.title);
}

export interface SearchOptions {
  /** The site config of the page: templates limited to other sites are left out. */
  siteId?: string | null;
  limit?: number;
}

export function search(index: SearchIndex, query: string, { siteId = null, limit = 50 }: SearchOptions = {}): PickerTemplate[] {
  const { text, tags, folders } = parseQuery(query);
  const inScope = (e: Entry) =>
    (e.t.sites.length === 0 || (siteId !== null && e.t.sites.includes(siteId))) &&
    tags.every((tag) => e.tags.some((x) => x.startsWith(tag))) &&
    folders.every((f) => e.folder.startsWith(f) || e.folder.split('/').some((seg) => seg.startsWith(f)));

  if (!text) {
    return index.entries
      .filter(inScope)
      .map((e) => e.t)
      .sort(byUse)
      .slice(0, limit);
  }

  const tiers: PickerTemplate[][] = [[], [], [], [], [], []];
  const rest: number[] = [];
  index.entries.forEach((e, i) => {
    if (!inScope(e)) return;
    const tier = tierOf(e, text);
    if (tier < FUZZY_TIER) tiers[tier]?.push(e.t);
    else rest.push(i);
  });
  const found = tiers.flatMap((list) => list.sort(byUse));
  if (found.length < limit && rest.length) {
    // Fuzzy body match only over what is left, and only when the exact tiers leave room.
    const idxs = fuzzy.filter(index.haystack, text, rest) ?? [];
    const fuzzyHits = idxs.map((i) => index.entries[i]!.t).sort(byUse);
    found.push(...fuzzyHits);
  }
  return found.slice(0, limit);
}
