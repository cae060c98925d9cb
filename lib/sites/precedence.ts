import { matchesPattern, parseMatchPattern } from './match-pattern';

// Which site config reads a page when several match (docs/site-config.md, "Which config applies"):
//  1. the one the agent chose for this host in the overlay (kept while it still matches);
//  2. the agent's own configs (taught on the page or imported) before built-in ones;
//  3. the most specific match: an exact host before a `*.` host before any host, then the longest
//     literal path (`/app/chat/*` before `/*`);
//  4. the id, so the order never depends on the database.

export type SiteSource = 'user' | 'builtin';

export interface SiteEntry {
  id: string;
  matches: readonly string[];
  /** Where the config came from; entries of an index published before sources were kept count as built-in. */
  source?: SiteSource;
}

/** Why the config in effect is the one in effect. */
export type SiteReason = 'chosen' | 'only' | 'own' | 'specific' | 'first';

export interface SiteResolution<T extends SiteEntry> {
  entry: T;
  reason: SiteReason;
  /** Every matching config, in precedence order (the first is the default). */
  candidates: T[];
}

/** How specifically a pattern matches a URL ([host, path]; higher is more specific), or null. */
export function patternSpecificity(pattern: string, url: string): [number, number] | null {
  // Whether it matches at all is matchesPattern's to say; this only scores a match.
  if (!matchesPattern(pattern, url)) return null;
  const p = parseMatchPattern(pattern);
  if (typeof p === 'string') return null;
  const hostScore = p.host === '*' ? 0 : p.host.startsWith('*.') ? 1 + (p.host.length - 2) / 1000 : 2;
  return [hostScore, p.path.join('').length];
}

function bestSpecificity(entry: SiteEntry, url: string): [number, number] | null {
  let best: [number, number] | null = null;
  for (const pattern of entry.matches) {
    const s = patternSpecificity(pattern, url);
    if (s && (!best || compareSpec(s, best) > 0)) best = s;
  }
  return best;
}

function compareSpec(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

const own = (e: SiteEntry) => e.source === 'user';

/** Every entry whose patterns match the URL, in precedence order (without the agent's choice). */
export function rankSites<T extends SiteEntry>(index: readonly T[], url: string): T[] {
  const found: { entry: T; spec: [number, number] }[] = [];
  for (const entry of index) {
    const spec = bestSpecificity(entry, url);
    if (spec) found.push({ entry, spec });
  }
  found.sort(
    (a, b) =>
      Number(own(b.entry)) - Number(own(a.entry)) ||
      compareSpec(b.spec, a.spec) ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  );
  return found.map((f) => f.entry);
}

/**
 * The config that reads the page, why, and the others that match. `chosen` is the agent's choice
 * for this host (siteChoices); it applies only while that config matches the URL.
 */
export function resolveSite<T extends SiteEntry>(index: readonly T[], url: string, chosen?: string | null): SiteResolution<T> | undefined {
  const candidates = rankSites(index, url);
  const first = candidates[0];
  if (!first) return undefined;
  const picked = chosen ? candidates.find((c) => c.id === chosen) : undefined;
  if (picked && candidates.length > 1) return { entry: picked, reason: 'chosen', candidates };
  const second = candidates[1];
  let reason: SiteReason = 'only';
  if (second) {
    if (own(first) && !own(second)) reason = 'own';
    else reason = compareSpec(bestSpecificity(first, url)!, bestSpecificity(second, url)!) > 0 ? 'specific' : 'first';
  }
  return { entry: first, reason, candidates };
}

/** The key of the agent's choice for a page: its host name (a choice holds for the whole console). */
export function choiceKey(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
