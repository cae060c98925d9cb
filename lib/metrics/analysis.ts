import type { CountingSettings } from '@/lib/sites/counting';
import { BusinessClock, LocalDays, type Schedule } from '@/lib/metrics/clock';
import type { CountingProfileKind } from '@/lib/sites/schema';
import type { Range } from './summary';

// The state the reply-speed summaries (lib/metrics/summary.ts) are folded from: per-range-day
// counters and reply-time samples, filled by the passes over the waits (./passes.ts).

export const HOUR_MS = 3_600_000;

/**
 * Dense ids for strings (conversation keys): FNV-1a into an open-addressing table at most half
 * full. Waits read from IndexedDB carry fresh strings, which a Map must hash natively and grow
 * for; this is about twice as fast on 200,000 waits.
 */
export class KeyIds {
  readonly keys: string[] = [];
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  id(key: string): number {
    let h = 0x811c9dc5;
    for (let j = 0; j < key.length; j++) h = Math.imul(h ^ key.charCodeAt(j), 0x01000193);
    let slot = h & this.mask;
    for (;;) {
      const c = this.slots[slot]!;
      if (c < 0) {
        this.slots[slot] = this.keys.length;
        this.keys.push(key);
        return this.keys.length - 1;
      }
      if (this.keys[c] === key) return c;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Reply times with the range day each belongs to. */
export interface Samples {
  vals: Float64Array;
  day: Int32Array;
  n: number;
}

export const samples = (cap: number): Samples => ({ vals: new Float64Array(cap), day: new Int32Array(cap), n: 0 });

export function push(s: Samples, v: number, d: number): void {
  s.vals[s.n] = v;
  s.day[s.n++] = d;
}

/** Everything the summaries are folded from: per-range-day counters and samples. */
export interface Analysis {
  settings: CountingSettings;
  schedule: Schedule | null;
  range: Range;
  table: LocalDays;
  /** Number of local days of the range; range day r is table day r + 1. */
  nDays: number;
  consultations: number;
  dConsult: Float64Array;
  dWaits: Float64Array;
  dAnswered: Float64Array;
  dTimely: Float64Array;
  dOpen: Float64Array;
  dOutside: Float64Array;
  dAvgSum: Float64Array;
  dAvgN: Float64Array;
  dHeadNum: Float64Array;
  dHeadDen: Float64Array;
  /** Douyin: sessions no human answered. Help desk: conversations whose first wait is unanswered. */
  dExtra: Float64Array;
  /** Waits outside the counted hours still open when the hours opened. */
  dCarried: Float64Array;
  first: Samples;
  hdFirst: Samples;
  hdNext: Samples;
  hdUnansweredNext: number;
  byHour: number[];
  repliesByHour: number[];
  longestSec: number;
}

export const PER_DAY = [
  'dConsult',
  'dWaits',
  'dAnswered',
  'dTimely',
  'dOpen',
  'dOutside',
  'dAvgSum',
  'dAvgN',
  'dHeadNum',
  'dHeadDen',
  'dExtra',
  'dCarried',
] as const;

export function emptyAnalysis(settings: CountingSettings, schedule: Schedule | null, range: Range): Analysis {
  const { table, nDays } = dayTable(range);
  const perDay = () => new Float64Array(nDays);
  return {
    settings,
    schedule,
    range,
    table,
    nDays,
    consultations: 0,
    dConsult: perDay(),
    dWaits: perDay(),
    dAnswered: perDay(),
    dTimely: perDay(),
    dOpen: perDay(),
    dOutside: perDay(),
    dAvgSum: perDay(),
    dAvgN: perDay(),
    dHeadNum: perDay(),
    dHeadDen: perDay(),
    dExtra: perDay(),
    dCarried: perDay(),
    first: samples(0),
    hdFirst: samples(0),
    hdNext: samples(0),
    hdUnansweredNext: 0,
    byHour: new Array<number>(24).fill(0),
    repliesByHour: new Array<number>(24).fill(0),
    longestSec: 0,
  };
}

export function dayTable(range: Range): { table: LocalDays; nDays: number } {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to))
    throw new RangeError('metrics: the range needs finite from and to (epoch ms)');
  // Table day 0 is the day before the range (business windows running past midnight).
  const table = new LocalDays(range.from, Math.max(range.from, range.to - 1), 1);
  const nDays = range.to > range.from ? table.index(range.to - 1) : 0;
  return { table, nDays };
}

/** Only the waits whose entry in `ids` is `id` (one site of several). */
export interface Only {
  ids: Int32Array;
  id: number;
  /** How many waits have it. */
  count: number;
}

/** The rule numbers of one analysis, resolved once. */
export interface Rules {
  from: number;
  to: number;
  profile: CountingProfileKind;
  targetSec: number;
  capSec: number;
  gapMs: number;
  /** Counted-hours filter (off for a help desk on the business clock: its hours are the schedule). */
  hours: { from: number; to: number } | null;
  clock: BusinessClock | null;
  /** Open waits are measured up to here. */
  openUntil: number;
  /** Keep waits before the range (to tell a JD session's or a help-desk conversation's first wait). */
  history: boolean;
}

/** The kept waits (index k), as columns, so that later passes never go back to the wait objects. */
export interface Kept {
  n: number;
  convOf: Int32Array;
  /** Range day, −1 before the range. */
  dayOf: Int32Array;
  /** 1 = starts in range, 3 = also counted (in the counted hours), 0 = history. */
  flags: Uint8Array;
  /** Reply seconds on the profile's clock; NaN while open. */
  dur: Float64Array;
  /** 1 = a bot replied during the wait; 2 = Taobao: answered within the target by the end of its day. */
  marks: Uint8Array;
  /** Taobao: the round's value for 平响 (capped; the cap when unanswered by the end of its day). */
  tbSec: Float64Array;
  st: Float64Array;
  en: Float64Array;
  convCount: number[];
}
