import { parseConsoleTime } from '@/lib/sites/console-time';
import { extractValue } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import type { StartEvent } from './schema';

// Where a case's clock starts (docs/site-config.md "Dispute start"): the moment a site config's
// `disputeStartedAt` reads from the page, or the moment the agent types. Both are parsed with the
// console time parser, in local time; text that is not a time is refused, never taken as "now".

/** The start events a page's `disputeStartedAt` stands for. Other rules ask the agent. */
export const PAGE_START_EVENTS: readonly StartEvent[] = ['platformIntervened'];

export type PageStart =
  /** The config reads nothing on this page. */
  | { kind: 'none' }
  /** A time, with the text it came from. */
  | { kind: 'time'; at: number; raw: string }
  /** The page shows something that is not a time. */
  | { kind: 'unparsable'; raw: string };

/** Reads `disputeStartedAt` from a page. */
export function readPageStart(config: SiteConfig, root: Document, url: string, now: number): PageStart {
  const raw = extractValue(config.selectors.disputeStartedAt, root, url);
  if (!raw) return { kind: 'none' };
  // A time shown to the minute (or the day) starts at the start of that span: the deadline is
  // never later than the platform's.
  const at = parseConsoleTime(raw, now)?.at ?? null;
  return at !== null && at > 0 ? { kind: 'time', at, raw } : { kind: 'unparsable', raw };
}

/** A start typed by the agent: a time, empty (still unknown), or refused (not a time, or in the future). */
export type TypedStart = { kind: 'time'; at: number } | { kind: 'empty' } | { kind: 'invalid'; reason: 'unparsable' | 'future' };

/** Allowance for clocks that differ a little between the page's server and this machine. */
const FUTURE_SLACK_MS = 5 * 60_000;

export function parseTypedStart(text: string, now: number): TypedStart {
  const s = text.trim();
  if (!s) return { kind: 'empty' };
  // The datetime-local form ("2026-12-05T14:30") is ISO 8601 without a zone: local time.
  const at = parseConsoleTime(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? s.replace('T', ' ') : s, now)?.at ?? null;
  if (at === null || at <= 0) return { kind: 'invalid', reason: 'unparsable' };
  if (at > now + FUTURE_SLACK_MS) return { kind: 'invalid', reason: 'future' };
  return { kind: 'time', at };
}

/** Whether a case type's clock can be started by the page's `disputeStartedAt`. */
export function pageStartApplies(startEvent: StartEvent | undefined): boolean {
  return !!startEvent && PAGE_START_EVENTS.includes(startEvent);
}
