// Teach: the site config built from the derived selectors, and what it detects on the page.
import { formatClock, PROFILE_DEFAULTS } from '@/lib/sites/counting';
import { extractMessage, queryAll, snapshotPage } from '../extract';
import type { CountingProfileKind, ExtractRule, SenderKind, SiteConfig } from '../schema';
import { type SenderRule, type TeachSelectors } from './tokens';

export interface BuildConfigInput {
  /** location.host of the page (a port is dropped: match patterns ignore ports). */
  host: string;
  name?: string;
  parts: Partial<TeachSelectors>;
  profile?: CountingProfileKind;
  /** "https" (default) or "http", with or without the colon. */
  protocol?: string;
  /** The console's path on the host ("/workbench/", from pathScope): the config matches only below it. */
  path?: string;
  /** The platform's reply target and counted hours as the agent set them (kept only where they differ from the profile's). */
  counting?: TeachCounting;
}

export interface TeachCounting {
  targetSec?: number;
  hours?: { from: string; to: string };
}

/** The profile's own target and hours, as the teach form shows them. */
export function profileCounting(profile: CountingProfileKind): { targetSec: number; hours: { from: string; to: string } } {
  const d = PROFILE_DEFAULTS[profile];
  return { targetSec: d.targetSec, hours: { from: formatClock(d.hours.from), to: formatClock(d.hours.to) } };
}

/** The config's `counting`: what differs from the profile's defaults (nothing: no `counting`). */
function countingOverrides(profile: CountingProfileKind, c: TeachCounting | undefined): SiteConfig['counting'] {
  if (!c) return undefined;
  const d = profileCounting(profile);
  const out: NonNullable<SiteConfig['counting']> = {};
  if (c.targetSec !== undefined && c.targetSec !== d.targetSec) out.targetSec = c.targetSec;
  if (c.hours && (c.hours.from !== d.hours.from || c.hours.to !== d.hours.to)) out.hours = { from: c.hours.from, to: c.hours.to };
  return Object.keys(out).length ? out : undefined;
}

/** Host, protocol and console path of a page URL, for buildConfig. */
export function siteOf(url: string): { host: string; protocol: string; path: string } {
  try {
    const u = new URL(url);
    return { host: u.host, protocol: u.protocol.replace(/:$/, ''), path: pathScope(u.pathname) };
  } catch {
    return { host: '', protocol: 'https', path: '/' };
  }
}

/**
 * Where on its host a console lives: the first folder of the page's path ("/chat/123" →
 * "/chat/", "/workbench/index.html" → "/workbench/"), or "/" for a page at the root or a first
 * folder that is itself an id. A taught config matches this path, not the whole host, so a
 * built-in config for the rest of the host and other consoles on it keep working.
 */
export function pathScope(pathname: string): string {
  const segs = pathname.split('/');
  // segs[0] is "" (before the leading slash); a folder is a segment followed by another one.
  const first = segs.length > 2 ? decodeSafe(segs[1] ?? '') : '';
  if (!first || !/^[\w.~-]{1,60}$/.test(first) || /^\.+$/.test(first) || /\d{3,}/.test(first)) return '/';
  return `/${first}/`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

export function configIdFor(host: string, path = '/'): string {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  const where = `${hostname}${path === '/' ? '' : `-${path.replace(/^\/|\/$/g, '').toLowerCase()}`}`;
  const slug = where.replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  return `user-${slug || 'local'}`.slice(0, 64).replace(/[-._]+$/, '');
}

export function cleanList(list: readonly string[] | undefined): string[] | undefined {
  if (!list) return undefined;
  const out = [...new Set(list.map((s) => s.trim()).filter(Boolean))].slice(0, 20);
  return out.length ? out : undefined;
}

export function cleanRule(rule: ExtractRule | undefined): ExtractRule | undefined {
  if (!rule) return undefined;
  const out: ExtractRule = {};
  const selector = cleanList(rule.selector);
  if (selector) out.selector = selector;
  if (rule.attr?.trim()) out.attr = rule.attr.trim();
  if (rule.fromUrl && !selector) out.fromUrl = true;
  if (rule.regex?.trim()) out.regex = rule.regex.trim();
  return out.selector || out.fromUrl ? out : undefined;
}

export function cleanSender(rule: SenderRule | undefined): SenderRule | undefined {
  if (!rule) return undefined;
  const out: SenderRule = {};
  if (rule.attr?.trim()) out.attr = rule.attr.trim();
  for (const k of ['customer', 'agent', 'bot', 'system'] as const) {
    const list = cleanList(rule[k]);
    if (list) out[k] = list;
  }
  if (rule.side && (rule.side.left || rule.side.right)) out.side = { ...rule.side };
  const byText = rule.byText?.filter((t) => t.selector.some((s) => s.trim()) && t.regex);
  if (byText?.length) out.byText = byText;
  return out.customer || out.agent || out.bot || out.system || out.side || out.byText ? out : undefined;
}

export const LIST_KEYS = ['conversationItem', 'message', 'composer', 'conversationHeader'] as const;
export const RULE_KEYS = [
  'conversationItemId',
  'conversationUnread',
  'conversationLastTime',
  'activeConversation',
  'messageId',
  'messageTime',
  'messageText',
  'buyerName',
  'orderNo',
  'disputeType',
  'trackingNo',
] as const;

/** A complete site config for the host, from the derived (and corrected) selectors. */
export function buildConfig({
  host,
  name,
  parts,
  profile = 'helpdesk',
  protocol = 'https',
  path = '/',
  counting,
}: BuildConfigInput): SiteConfig {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  const scheme = protocol.replace(/:$/, '') === 'http' ? 'http' : 'https';
  const selectors: TeachSelectors = {};
  for (const k of LIST_KEYS) {
    const v = cleanList(parts[k]);
    if (v) selectors[k] = v;
  }
  for (const k of RULE_KEYS) {
    const v = cleanRule(parts[k]);
    if (v) selectors[k] = v;
  }
  const sender = cleanSender(parts.messageSender);
  if (sender) selectors.messageSender = sender;
  const overrides = countingOverrides(profile, counting);
  return {
    format: 'deskmate/site-config',
    version: 1,
    id: configIdFor(hostname, path),
    name: (name?.trim() || hostname || 'site').slice(0, 100),
    verified: false,
    matches: [`${scheme}://${hostname || '*'}${path}*`],
    profile,
    ...(overrides ? { counting: overrides } : {}),
    selectors,
  };
}

export interface Detection {
  customer: number;
  agent: number;
  bot: number;
  system: number;
  /** Messages found whose sender the rule does not recognise. */
  unknown: number;
  total: number;
  conversations: number;
  conversationId: string | null;
  buyerName: string | null;
  hasComposer: boolean;
  /** The messages on screen (at most MAX_SHOWN) and the sender the config reads for each, so the agent can confirm or correct it. */
  messages: { element: Element; sender: SenderKind | null; text: string }[];
}

const MAX_SHOWN = 40;

/** What a config reads from the page now: the live lines while teaching. */
export function detect(config: SiteConfig, doc: Document, url: string): Detection {
  const snap = snapshotPage(config, doc, url);
  const items = queryAll(doc, config.selectors.message).slice(0, MAX_SHOWN);
  const count = (k: SenderKind) => snap.messages.filter((m) => m.sender === k).length;
  return {
    customer: count('customer'),
    agent: count('agent'),
    bot: count('bot'),
    system: count('system'),
    unknown: snap.messages.filter((m) => m.sender === null).length,
    total: snap.messages.length,
    conversations: snap.conversations.length,
    conversationId: snap.conversationId,
    buyerName: snap.buyerName,
    hasComposer: snap.hasComposer,
    messages: items.map((element) => {
      const m = extractMessage(config, element);
      return { element, sender: m.sender, text: m.text.replace(/\s+/g, ' ').trim() };
    }),
  };
}
