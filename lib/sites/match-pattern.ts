// WebExtension match patterns (`<scheme>://<host>/<path>`), interpreted locally so that a site
// config can say where it applies. Ports are ignored, as browsers do for match patterns.

const SCHEMES = new Set(['*', 'http', 'https', 'file']);

export interface ParsedPattern {
  scheme: string;
  host: string;
  path: RegExp;
}

export function parseMatchPattern(pattern: string): ParsedPattern | string {
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', path: /^.*$/s };
  const m = /^([a-z*]+):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return `"${pattern}" is not a match pattern like "https://*.example.com/*"`;
  const [, scheme = '', host = '', path = ''] = m;
  if (!SCHEMES.has(scheme)) return `"${pattern}": scheme must be http, https, file or *`;
  if (host !== '*' && !/^(\*\.)?[^*:/]+$/.test(host)) return `"${pattern}": host "${host}" may only start with "*."`;
  const re = new RegExp('^' + path.split('*').map(escapeRegExp).join('.*') + '$', 's');
  return { scheme, host, path: re };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
  return p.path.test(u.pathname + u.search);
}

export function matchesAny(patterns: readonly string[], url: string): boolean {
  return patterns.some((p) => matchesPattern(p, url));
}

/** The first entry of a site match index whose patterns match the URL. */
export function findSite<T extends { matches: readonly string[] }>(index: readonly T[], url: string): T | undefined {
  return index.find((entry) => matchesAny(entry.matches, url));
}
