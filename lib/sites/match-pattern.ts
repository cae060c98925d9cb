// WebExtension match patterns (`<scheme>://<host>/<path>`), interpreted locally so that a site
// config can say where it applies. Ports are ignored, as browsers do for match patterns.
//
// The loader matches them against the URL of every page it runs in, so matching must cost time
// linear in the URL whatever the pattern: the path glob is matched segment by segment with
// `indexOf` (never a regex, whose `.*.*.*` backtracks), and patterns are bounded in length and
// number (docs/security.md, S9 and round 2).

const SCHEMES = new Set(['*', 'http', 'https', 'file']);

/** Longest match pattern a site config may hold. */
export const MAX_PATTERN_LENGTH = 300;
/** Most match patterns one site config may hold. */
export const MAX_PATTERNS = 20;

export interface ParsedPattern {
  scheme: string;
  host: string;
  /** The path glob split at its `*`s: literal parts, the first anchored at the start, the last at the end. */
  path: string[];
}

export function parseMatchPattern(pattern: string): ParsedPattern | string {
  if (pattern.length > MAX_PATTERN_LENGTH) return `"${pattern.slice(0, 40)}…" is longer than ${MAX_PATTERN_LENGTH} characters`;
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', path: ['', ''] };
  const m = /^([a-z*]+):\/\/([^/]*)(\/.*)$/s.exec(pattern);
  if (!m) return `"${pattern}" is not a match pattern like "https://*.example.com/*"`;
  const [, scheme = '', host = '', path = ''] = m;
  if (!SCHEMES.has(scheme)) return `"${pattern}": scheme must be http, https, file or *`;
  if (host !== '*' && !/^(\*\.)?[^*:/]+$/.test(host)) return `"${pattern}": host "${host}" may only start with "*."`;
  return { scheme, host, path: path.split('*') };
}

/** Whether `text` matches a glob split at its `*`s, in time linear in `text` (times the parts). */
export function globMatches(parts: readonly string[], text: string): boolean {
  const first = parts[0] ?? '';
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1] ?? '';
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  // Each middle part at its leftmost place after the previous one: if any placement works, this one does.
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

export function matchesPattern(pattern: string, url: string): boolean {
  const p = parseMatchPattern(pattern);
  if (typeof p === 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const scheme = u.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : p.scheme !== scheme) return false;
  const host = u.hostname;
  if (p.host !== '*') {
    if (p.host.startsWith('*.')) {
      const base = p.host.slice(2);
      if (host !== base && !host.endsWith('.' + base)) return false;
    } else if (p.host !== host) return false;
  }
  return globMatches(p.path, u.pathname + u.search);
}

export function matchesAny(patterns: readonly string[], url: string): boolean {
  return patterns.some((p) => matchesPattern(p, url));
}

/** The first entry of a list whose patterns match the URL (which config applies: lib/sites/precedence.ts). */
export function findSite<T extends { matches: readonly string[] }>(index: readonly T[], url: string): T | undefined {
  return index.find((entry) => matchesAny(entry.matches, url));
}
