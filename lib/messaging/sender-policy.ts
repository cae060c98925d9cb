import { browser, type Browser } from 'wxt/browser';
import { siteMatchIndex } from '@/lib/settings';
import { findSite, parseMatchPattern } from '@/lib/sites/match-pattern';
import type { ParsedInput, RequestType } from './protocol';
import { rateLimiter } from '@/lib/rate-limit';

// Who may ask for what (docs/security.md S10, S16). Deskmate's own pages (options, popup, side
// panel, case page) may make every request. Content scripts run inside web pages, next to any
// script and in any frame a page embeds (ads included), so what they may ask is limited:
//  - only from the top frame, a frame of the top frame's origin, or a frame an enabled site
//    config covers;
//  - not the requests only extension pages make (the list below);
//  - no ids they choose for new records (a template id would overwrite that template);
//  - site configs only for the sender's own origin, under a `user-` id;
//  - what opens tabs or leads to notifications (cases and their deadlines) at a bounded rate.
// A sender that is neither (no URL) is refused: browsers always say where a message comes from.

export type SenderKind = 'extension' | 'content';

/** Requests only Deskmate's own pages make. */
const EXTENSION_ONLY: ReadonlySet<RequestType> = new Set<RequestType>([
  'teach.start',
  'waits.show',
  'cases.changed',
  'cases.attachments',
  'cases.close',
  'cases.reopen',
  'templates.count',
]);

/** Largest `templates.list` a content script gets (the overlay's quick-add list shows 50). */
export const CONTENT_LIST_LIMIT = 50;

export function senderKind(sender: Browser.runtime.MessageSender): SenderKind | null {
  const root = browser.runtime.getURL('/');
  if (sender.url?.startsWith(root)) return 'extension';
  if (sender.url && /^https?:|^about:|^file:/.test(sender.url)) return 'content';
  return null;
}

/** "https://shop.example" from a URL, or null. */
function originOf(url: string | undefined): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

/** Tabs a content script may open (`cases.openPage`), per sender tab. */
const openTabs = rateLimiter('openPage', 5, 60_000);
/** Cases a content script may open (each sets deadline alarms and notifications), per sender tab. */
const openCases = rateLimiter('openCase', 10, 60_000);

/**
 * A subframe of the page's own origin (an editor in a same-origin iframe) is the page itself.
 * The frame's origin is the browser's `sender.origin` (Chrome; for about:blank frames, their
 * creator's), else its URL's; a frame whose origin is unknown (Firefox's about:blank) is not.
 */
function sameOriginAsTop(sender: Browser.runtime.MessageSender): boolean {
  const top = originOf(sender.tab?.url)?.origin;
  const reported = (sender as { origin?: string }).origin;
  const frame = reported && reported !== 'null' ? reported : originOf(sender.url)?.origin;
  return !!top && top !== 'null' && frame === top;
}

/** Whether every match pattern of a config is for exactly this origin (scheme and host, no wildcards). */
export function patternsForOrigin(matches: readonly unknown[], origin: URL): boolean {
  const scheme = origin.protocol.slice(0, -1);
  return matches.every((m) => {
    if (typeof m !== 'string') return false;
    const p = parseMatchPattern(m);
    return typeof p !== 'string' && p.scheme === scheme && p.host === origin.hostname;
  });
}

/**
 * Why this sender may not make this request (an error message), or null when it may. Runs after
 * the input was parsed and before the handler: nothing is written when it refuses.
 */
export async function senderRefusal<T extends RequestType>(
  type: T,
  input: ParsedInput<T>,
  sender: Browser.runtime.MessageSender,
): Promise<string | null> {
  const kind = senderKind(sender);
  if (kind === 'extension') return null;
  if (kind === null) return `${type}: unknown sender`;
  if (EXTENSION_ONLY.has(type)) return `${type} must come from an extension page`;
  if (!sender.tab) return `${type} must come from a tab`;
  if (sender.frameId !== 0 && !sameOriginAsTop(sender)) {
    const index = await siteMatchIndex.getValue().catch(() => []);
    if (!sender.url || !findSite(index, sender.url)) return `${type}: refused from a frame no site config covers`;
  }
  switch (type) {
    case 'templates.save': {
      if ((input as ParsedInput<'templates.save'>).id !== undefined)
        return 'templates.save: id: a page may only add templates, not choose their id';
      return null;
    }
    case 'templates.list':
      if ((input as ParsedInput<'templates.list'>).limit > CONTENT_LIST_LIMIT)
        return `templates.list: limit: at most ${CONTENT_LIST_LIMIT} from a page`;
      return null;
    case 'sites.save': {
      const origin = originOf(sender.url);
      const config = (input as ParsedInput<'sites.save'>).config as { id?: unknown; matches?: unknown } | null;
      if (!origin || !config || typeof config !== 'object') return 'sites.save: refused';
      if (typeof config.id !== 'string' || !config.id.startsWith('user-'))
        return 'sites.save: id: a config taught on a page must have an id starting with "user-"';
      if (!Array.isArray(config.matches) || !patternsForOrigin(config.matches, origin))
        return `sites.save: matches: a config taught on a page may only match that page's own site (${origin.protocol}//${origin.hostname}/…)`;
      return null; // (an existing config of that id: checked by the handler, which has the database)
    }
    case 'sites.choose': {
      const page = originOf(sender.url);
      const target = originOf((input as ParsedInput<'sites.choose'>).url);
      if (!page || !target || page.hostname !== target.hostname)
        return 'sites.choose: url: a page may only choose the config of its own site';
      return null;
    }
    case 'cases.openPage':
      if (!(await openTabs(String(sender.tab.id)))) return 'cases.openPage: too many pages opened from this tab; try again in a minute';
      return null;
    case 'cases.open':
      if (!(await openCases(String(sender.tab.id)))) return 'cases.open: too many cases opened from this tab; try again in a minute';
      return null;
    default:
      return null;
  }
}
