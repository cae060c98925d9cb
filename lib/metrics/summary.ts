import type { RoundRecord } from '@/lib/db/records';
import { PROFILE_DEFAULTS, type CountingSettings } from '@/lib/metrics/counting';
import { BusinessClock, hoursLabel, inWindow, LocalDays, scheduleFor, type Schedule } from '@/lib/metrics/clock';
import { quantile, stats, type Stats } from '@/lib/metrics/stats';
import type { CountingProfileKind } from '@/lib/sites/schema';

// The dashboard's reply-speed figures over stored waits (RoundRecord), counted the way the site's
// platform counts them (docs/counting.md; the tests cross-check these figures against the reference
// models in test/reference/profiles.ts). Pure functions over arrays: the caller reads the rounds.
//
// Speed: one pass over the rounds for everything a round decides alone, a counting sort by
// conversation for what needs a conversation's waits in order (first waits, sessions, buyer-days),
// local days from a table of midnights (no Date per round, DST-safe), one sort per percentile set.
//
// Which waits count where:
// - consultations, byHour, repliesByHour, longestWaitSec, outsideHours: every wait starting in range.
// - waits, answered, timely, open, rates, averages, firstResponse, headline: waits starting in
//   range and in the profile's counted hours (help desk on the business clock: all waits; its
//   hours are the schedule and reply times are measured in business time).
// - A wait is answered only by a human reply (endedAt > 0): open waits are unanswered, and bots
//   never end a wait, so an auto reply only makes the wait longer.
// - Taobao leaves out bot-only conversations (a conversation's counted rounds of one day with a
//   bot reply and no human reply) from its rounds, 3-minute rate and 平响; they stay in waits.
// - A wait starting outside the counted hours is in none of the rates (the platforms judge a wait
//   by when it starts); one still unanswered when the counted hours open is counted as carried
//   over, so the dashboard names it (docs/counting.md, "Waits before the counted hours").

export interface Range {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export type HeadlineKind = 'taobao.threeMinuteRate' | 'pinduoduo.threeMinuteRate' | 'douyin.sessionRate' | 'jd.firstAnswerRate' | 'helpdesk.firstReply';

/** The numbers a headline was computed with (so the UI can say which rules produced it). */
export interface RuleParams {
  profile: CountingProfileKind;
  targetSec: number;
  /** Taobao: cap per round for the average; unanswered by the end of its day = cap. */
  capSec?: number;
  /** JD (and Douyin when set): a wait within this gap of the last reply = same session. */
  sessionGapSec?: number;
  /** Counted hours (local minutes, to exclusive); on the help desk's business clock, the schedule's hours. */
  hours: { from: number; to: number };
  clock: 'calendar' | 'business';
  /** Business clock: working weekdays (0 = Sunday). */
  days?: number[];
}

export interface Headline {
  kind: HeadlineKind;
  /** Ratio 0..1, or seconds for helpdesk.firstReply; null without data. */
  value: number | null;
  unit: 'ratio' | 'sec';
  /** Units that met the rule (ratio) / answered first waits (help desk). */
  numerator: number;
  /** Units counted: rounds, buyer-days, sessions, or conversations whose first wait is in range. */
  denominator: number;
  /** Machine key of the rule and its numbers, e.g. "taobao.threeMinuteRate;unit=round;target=180;cap=600;hours=08:00-23:00;unansweredAtDayEnd=cap;botOnly=excluded". */
  rule: string;
  params: RuleParams;
  /** Further numbers of the rule (Taobao bot-only rounds left out, Douyin unserved sessions, help-desk next-reply figures…). */
  details: Record<string, number | null>;
}

export interface Summary {
  range: Range;
  profile: CountingProfileKind | 'mixed';
  /** Distinct conversations with a wait starting in range. */
  consultations: number;
  /** Consultations per local day added up: a conversation counts once on each day it has a wait starting in range. */
  consultationsTotal: number;
  /** 接待量 as the methodology defines it for a period: consultationsTotal ÷ days of the range (null for an empty range). */
  consultationsPerDay: number | null;
  /** Waits starting in range and in the counted hours. */
  waits: number;
  /** Of those, answered by a human (at any later time). */
  answered: number;
  /** Of those, answered within the target. */
  timely: number;
  /** Of those, still open. */
  open: number;
  /** Waits starting in range outside the counted hours (in none of the figures above). */
  outsideHours: number;
  /** Of those, still unanswered when the counted hours opened (by now): buyers left waiting into the counted hours. */
  carriedOver: number;
  /** First counted wait of each conversation per local day → its reply, answered ones, seconds. */
  firstResponse: Stats;
  /** Mean reply time of answered waits, seconds; Taobao: every round capped, unanswered by its day's end = cap (平响). */
  averageResponseSec: number | null;
  /** 响应率 counted per wait: answered ÷ waits (null without waits). */
  responseRate: number | null;
  /** timely ÷ waits (null without waits). */
  timelyRate: number | null;
  /** The platform's own figure; null for a combined summary of differently counted sites. */
  headline: Headline | null;
  /** Longest wait starting in range, seconds; open waits count up to min(now, range.to). */
  longestWaitSec: number;
  /** Waits started per local hour of day (0–23), all waits in range. */
  byHour: number[];
  /** Human replies per local hour of day, replies falling in range. */
  repliesByHour: number[];
}

export interface DaySummary {
  /** Local day 'YYYY-MM-DD'. */
  date: string;
  /** Local midnight starting the day (epoch ms). */
  dayStart: number;
  consultations: number;
  waits: number;
  medianFirstResponse: number | null;
  averageResponseSec: number | null;
  timelyRate: number | null;
  /** The headline's value for that day (ratio, or help-desk median first reply in seconds). */
  headline: number | null;
}

export interface SiteSummaries {
  sites: Record<string, Summary>;
  combined: Summary;
}

export interface SummaryOptions {
  /** Help desk on the business clock: the agent's schedule (default: the profile's hours, Mon–Fri). */
  schedule?: Schedule;
}

const HOUR_MS = 3_600_000;

/**
 * Dense ids for strings (conversation keys): FNV-1a into an open-addressing table at most half
 * full. Rounds read from IndexedDB carry fresh strings, which a Map must hash natively and grow
 * for; this is about twice as fast on 200,000 rounds.
 */
class KeyIds {
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
interface Samples {
  vals: Float64Array;
  day: Int32Array;
  n: number;
}

const samples = (cap: number): Samples => ({ vals: new Float64Array(cap), day: new Int32Array(cap), n: 0 });

function push(s: Samples, v: number, d: number): void {
  s.vals[s.n] = v;
  s.day[s.n++] = d;
}

/** Everything the summaries are folded from: per-range-day counters and samples. */
interface Analysis {
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

const PER_DAY = ['dConsult', 'dWaits', 'dAnswered', 'dTimely', 'dOpen', 'dOutside', 'dAvgSum', 'dAvgN', 'dHeadNum', 'dHeadDen', 'dExtra', 'dCarried'] as const;

function emptyAnalysis(settings: CountingSettings, schedule: Schedule | null, range: Range): Analysis {
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

function dayTable(range: Range): { table: LocalDays; nDays: number } {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to)) throw new RangeError('metrics: the range needs finite from and to (epoch ms)');
  // Table day 0 is the day before the range (business windows running past midnight).
  const table = new LocalDays(range.from, Math.max(range.from, range.to - 1), 1);
  const nDays = range.to > range.from ? table.index(range.to - 1) : 0;
  return { table, nDays };
}

/** Only the rounds whose entry in `ids` is `id` (one site of several). */
interface Only {
  ids: Int32Array;
  id: number;
  /** How many rounds have it. */
  count: number;
}

/** The rule numbers of one analysis, resolved once. */
interface Rules {
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
  /** Keep rounds before the range (to tell a JD session's or a help-desk conversation's first wait). */
  history: boolean;
}

/** The kept rounds (index k), as columns, so that later passes never go back to the round objects. */
interface Kept {
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

function analyze(rounds: readonly RoundRecord[], range: Range, settings: CountingSettings, now: number, options: SummaryOptions = {}, only: Only | null = null): Analysis {
  const business = settings.profile === 'helpdesk' && settings.clock === 'business';
  const schedule = business ? (options.schedule ?? scheduleFor(settings)) : null;
  const a = emptyAnalysis(settings, schedule, range);
  const rules: Rules = {
    from: range.from,
    to: range.to,
    profile: settings.profile,
    targetSec: settings.targetSec,
    capSec: settings.capSec,
    gapMs: settings.sessionGapSec * 1000,
    hours: business ? null : settings.hours,
    clock: schedule ? new BusinessClock(a.table, schedule) : null,
    openUntil: Math.min(now, range.to),
    history: settings.profile === 'jd' || settings.profile === 'helpdesk',
  };
  const kept = passRounds(rounds, a, rules, only);
  const { order, offset } = byConversation(kept);
  passConversations(a, rules, kept, order, offset);
  return a;
}

/** Pass 1: what each round decides alone (counts, hours, reply times, Taobao's rule). */
function passRounds(rounds: readonly RoundRecord[], a: Analysis, rules: Rules, only: Only | null): Kept {
  const { from, to, targetSec, capSec, hours, clock, openUntil, history } = rules;
  const taobao = rules.profile === 'taobao';
  const { table, dWaits, dAnswered, dTimely, dOpen, dOutside, dCarried, dAvgSum, dAvgN, byHour, repliesByHour } = a;
  const N = rounds.length;
  const cap = only ? only.count : N;
  const k0: Kept = {
    n: 0,
    convOf: new Int32Array(cap),
    dayOf: new Int32Array(cap),
    flags: new Uint8Array(cap),
    dur: new Float64Array(cap),
    marks: new Uint8Array(cap),
    tbSec: new Float64Array(taobao ? cap : 0),
    st: new Float64Array(cap),
    en: new Float64Array(cap),
    convCount: [],
  };
  const { convOf, dayOf, flags, dur, marks, tbSec, st, en, convCount } = k0;
  const convIds = new KeyIds(cap);
  const onlyIds = only ? only.ids : null;
  const onlyId = only ? only.id : 0;
  let kept = 0;
  let longest = 0;
  for (let i = 0; i < N; i++) {
    if (onlyIds !== null && onlyIds[i] !== onlyId) continue;
    const r = rounds[i]!;
    const s = r.startedAt;
    if (!(s < to)) continue;
    const e = r.endedAt;
    if (e > 0 && e >= from && e < to) repliesByHour[Math.floor(table.msOfDay(e, table.index(e)) / HOUR_MS)]!++;
    const inRange = s >= from;
    if (!inRange && !history) continue;
    const k = kept++;
    st[k] = s;
    en[k] = e;
    if (r.bot) marks[k] = 1;
    const c = convIds.id(r.conversationKey);
    if (c === convCount.length) convCount.push(1);
    else convCount[c]!++;
    convOf[k] = c;
    if (!inRange) {
      dayOf[k] = -1;
      continue;
    }
    const ti = table.index(s);
    const d = ti - 1;
    dayOf[k] = d;
    const ms = table.msOfDay(s, ti);
    byHour[Math.floor(ms / HOUR_MS)]!++;
    const answered = e > 0;
    const sec = answered ? (clock ? clock.seconds(s, e) : (e - s) / 1000) : NaN;
    dur[k] = sec;
    const waited = answered ? sec : clock ? clock.seconds(s, openUntil) : (openUntil - s) / 1000;
    if (waited > longest) longest = waited;
    if (hours !== null && !inWindow(ms, hours)) {
      flags[k] = 1;
      dOutside[d]!++;
      // The next opening of the counted hours (outside a wrapping window means before its "from").
      const opening = table.at(ms < hours.from * 60_000 ? ti : ti + 1, hours.from);
      if (opening <= openUntil && !(answered && e <= opening)) dCarried[d]!++;
      continue;
    }
    flags[k] = 3;
    dWaits[d]!++;
    if (answered) {
      dAnswered[d]!++;
      if (sec <= targetSec) dTimely[d]!++;
    } else dOpen[d]!++;
    if (taobao) {
      // A round left unanswered at the end of its day counts as the cap and misses the target.
      // Added up per conversation and day in pass 3 (bot-only conversations are left out).
      const inDay = answered && e <= table.starts[ti + 1]!;
      tbSec[k] = inDay ? Math.min(sec, capSec) : capSec;
      if (inDay && sec <= targetSec) marks[k]! |= 2;
    } else if (answered) {
      dAvgSum[d]! += sec;
      dAvgN[d]!++;
    }
  }
  a.longestSec = longest;
  k0.n = kept;
  return k0;
}

/** Pass 2: counting sort of the kept rounds by conversation (stable: input order kept). */
function byConversation(kept: Kept): { order: Int32Array; offset: Int32Array } {
  const { convCount, convOf, n } = kept;
  const nConv = convCount.length;
  const offset = new Int32Array(nConv + 1);
  for (let c = 0; c < nConv; c++) offset[c + 1] = offset[c]! + convCount[c]!;
  const fill = offset.slice(0, nConv);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[fill[convOf[k]!]!++] = k;
  return { order, offset };
}

/** Pass 3: each conversation's waits in time order (first waits, sessions, buyer-days). */
function passConversations(a: Analysis, rules: Rules, kept: Kept, order: Int32Array, offset: Int32Array): void {
  const { targetSec, gapMs, profile } = rules;
  const { flags, dayOf, dur, st, en, marks, tbSec } = kept;
  const nConv = offset.length - 1;
  const pdd = profile === 'pinduoduo';
  const taobao = profile === 'taobao';
  const douyin = profile === 'douyin';
  const douyinGap = douyin && gapMs > 0;
  const jd = profile === 'jd';
  const helpdesk = profile === 'helpdesk';
  const { dConsult, dHeadNum, dHeadDen, dExtra } = a;
  const first = (a.first = samples(kept.n));
  const hdFirst = (a.hdFirst = samples(helpdesk ? nConv : 0));
  const hdNext = (a.hdNext = samples(helpdesk ? kept.n : 0));
  for (let c = 0; c < nConv; c++) {
    const lo = offset[c]!;
    const hi = offset[c + 1]!;
    for (let p = lo + 1; p < hi; p++)
      if (st[order[p]!]! < st[order[p - 1]!]!) {
        order.set(Array.from(order.subarray(lo, hi)).sort((x, y) => st[x]! - st[y]!), lo);
        break;
      }
    let anyInRange = false;
    let consultDay = -1;
    let firstDay = -1;
    // Pinduoduo buyer-day or Douyin session being judged: its day, whether it met the rule, whether a human answered.
    let unitDay = -1;
    let unitOk = true;
    let unitServed = false;
    let lastEnd = -Infinity;
    // Taobao conversation-day: its rounds, those within the target, their 平响 values, a bot reply seen.
    let tbDay = -1;
    let tbN = 0;
    let tbOk = 0;
    let tbSum = 0;
    let tbHuman = false;
    let tbBot = false;
    for (let p = lo; p < hi; p++) {
      const k = order[p]!;
      const start = st[k]!;
      const end = en[k]!;
      const f = flags[k]!;
      const d = dayOf[k]!;
      const sec = dur[k]!;
      // sec is NaN while open: never timely, and `sec === sec` tells an answered wait.
      const timely = sec <= targetSec;
      if (jd) {
        // A wait within the gap of the last reply is a re-ask in the same session; judged by session start.
        const newSession = start - lastEnd > gapMs;
        lastEnd = end > 0 ? end : start;
        if (newSession && f === 3) {
          dHeadDen[d]!++;
          if (timely) dHeadNum[d]!++;
        }
      } else if (helpdesk && f === 3) {
        if (p === lo) {
          if (sec === sec) push(hdFirst, sec, d);
          else dExtra[d]!++;
        } else if (sec === sec) push(hdNext, sec, d);
        else a.hdUnansweredNext++;
      }
      if (!(f & 1)) continue;
      anyInRange = true;
      if (d !== consultDay) {
        dConsult[d]!++;
        consultDay = d;
      }
      if (douyinGap) {
        const newSession = start - lastEnd > gapMs;
        lastEnd = end > 0 ? end : start;
        if (newSession) {
          if (unitDay >= 0) closeUnit(a, unitDay, unitOk, unitServed, douyin);
          unitDay = -1;
          unitOk = true;
          unitServed = false;
        }
      }
      if (f !== 3) continue;
      if (d !== firstDay) {
        firstDay = d;
        if (sec === sec) push(first, sec, d);
      }
      if (taobao) {
        if (d !== tbDay) {
          if (tbDay >= 0) closeTaobao(a, tbDay, tbN, tbOk, tbSum, tbBot && !tbHuman);
          tbDay = d;
          tbN = tbOk = tbSum = 0;
          tbHuman = tbBot = false;
        }
        tbN++;
        tbSum += tbSec[k]!;
        if (marks[k]! & 2) tbOk++;
        if (end > 0) tbHuman = true;
        if (marks[k]! & 1) tbBot = true;
      }
      if (pdd || douyin) {
        if (douyinGap) {
          // A gap session belongs to the day of its first counted wait.
          if (unitDay < 0) unitDay = d;
        } else if (d !== unitDay) {
          // Pinduoduo buyer-day / Douyin session = the conversation's counted waits of one local day.
          if (unitDay >= 0) closeUnit(a, unitDay, unitOk, unitServed, douyin);
          unitDay = d;
          unitOk = true;
          unitServed = false;
        }
        if (!timely) unitOk = false;
        if (sec === sec) unitServed = true;
      }
    }
    if (unitDay >= 0) closeUnit(a, unitDay, unitOk, unitServed, douyin);
    if (tbDay >= 0) closeTaobao(a, tbDay, tbN, tbOk, tbSum, tbBot && !tbHuman);
    if (anyInRange) a.consultations++;
  }
}

/** A Taobao conversation-day: its rounds count, unless only the bot answered it (then they are set aside). */
function closeTaobao(a: Analysis, d: number, n: number, ok: number, total: number, botOnly: boolean): void {
  if (botOnly) {
    a.dExtra[d]! += n;
    return;
  }
  a.dHeadDen[d]! += n;
  a.dHeadNum[d]! += ok;
  a.dAvgSum[d]! += total;
  a.dAvgN[d]! += n;
}

function closeUnit(a: Analysis, d: number, ok: boolean, served: boolean, douyin: boolean): void {
  a.dHeadDen[d]!++;
  if (ok) a.dHeadNum[d]!++;
  if (douyin && !served) a.dExtra[d]!++;
}

// ---- folding ----

const sum = (xs: Float64Array, lo = 0, hi = xs.length) => {
  let t = 0;
  for (let i = lo; i < hi; i++) t += xs[i]!;
  return t;
};
const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

const KINDS: Record<CountingProfileKind, HeadlineKind> = {
  taobao: 'taobao.threeMinuteRate',
  pinduoduo: 'pinduoduo.threeMinuteRate',
  douyin: 'douyin.sessionRate',
  jd: 'jd.firstAnswerRate',
  helpdesk: 'helpdesk.firstReply',
};

/** The rule key and numbers of a profile's headline. */
export function ruleOf(settings: CountingSettings, schedule: Schedule | null = null): { kind: HeadlineKind; rule: string; params: RuleParams } {
  const s = settings;
  const hours = schedule ? { from: schedule.from, to: schedule.to } : s.hours;
  const params: RuleParams = { profile: s.profile, targetSec: s.targetSec, hours: { ...hours }, clock: schedule ? 'business' : 'calendar' };
  const h = `hours=${hoursLabel(hours)}`;
  let parts: string[];
  switch (s.profile) {
    case 'taobao':
      params.capSec = s.capSec;
      parts = ['unit=round', `target=${s.targetSec}`, `cap=${s.capSec}`, h, 'unansweredAtDayEnd=cap', 'botOnly=excluded'];
      break;
    case 'pinduoduo':
      parts = ['unit=buyerDay', `target=${s.targetSec}`, h, 'anyWaitLate=fail'];
      break;
    case 'douyin':
      if (s.sessionGapSec > 0) params.sessionGapSec = s.sessionGapSec;
      parts = ['unit=session', s.sessionGapSec > 0 ? `gap=${s.sessionGapSec}` : 'session=conversationDay', `target=${s.targetSec}`, h, 'anyWaitLate=fail'];
      break;
    case 'jd':
      params.sessionGapSec = s.sessionGapSec;
      parts = ['unit=session', `gap=${s.sessionGapSec}`, `target=${s.targetSec}`, h, 'judgedBy=sessionStart', 'firstWait'];
      break;
    case 'helpdesk':
      if (schedule) params.days = [...schedule.days];
      parts = ['stat=median', `target=${s.targetSec}`, ...(schedule ? ['clock=business', `days=${schedule.days.join(',')}`, h] : ['clock=calendar', h])];
      break;
  }
  const kind = KINDS[s.profile];
  return { kind, rule: [kind, ...parts].join(';'), params };
}

/** A scratch copy of the values of samples on range days [lo, hi). */
function valuesOf(s: Samples, lo: number, hi: number): Float64Array {
  let n = 0;
  for (let i = 0; i < s.n; i++) if (s.day[i]! >= lo && s.day[i]! < hi) n++;
  if (n === s.n) return s.vals.slice(0, n);
  const out = new Float64Array(n);
  n = 0;
  for (let i = 0; i < s.n; i++) if (s.day[i]! >= lo && s.day[i]! < hi) out[n++] = s.vals[i]!;
  return out;
}

function headlineOf(a: Analysis, lo = 0, hi = a.nDays): Headline {
  const { kind, rule, params } = ruleOf(a.settings, a.schedule);
  if (kind === 'helpdesk.firstReply') {
    const f = stats(valuesOf(a.hdFirst, lo, hi));
    const next = stats(valuesOf(a.hdNext, lo, hi));
    const unanswered = sum(a.dExtra, lo, hi);
    return {
      kind,
      value: f.median,
      unit: 'sec',
      numerator: f.count,
      denominator: f.count + unanswered,
      rule,
      params,
      details: {
        firstReplyMean: f.mean,
        firstReplyP90: f.p90,
        unansweredFirst: unanswered,
        nextReplies: next.count,
        nextReplyMedian: next.median,
        nextReplyMean: next.mean,
        nextReplyP90: next.p90,
        unansweredNext: a.hdUnansweredNext,
      },
    };
  }
  const num = sum(a.dHeadNum, lo, hi);
  const den = sum(a.dHeadDen, lo, hi);
  return {
    kind,
    value: ratio(num, den),
    unit: 'ratio',
    numerator: num,
    denominator: den,
    rule,
    params,
    details:
      kind === 'douyin.sessionRate'
        ? { unservedSessions: sum(a.dExtra, lo, hi) }
        : kind === 'taobao.threeMinuteRate'
          ? { botOnlyRounds: sum(a.dExtra, lo, hi) }
          : {},
  };
}

function fold(a: Analysis, headline: Headline | null, profile: Summary['profile']): Summary {
  const waits = sum(a.dWaits);
  const answered = sum(a.dAnswered);
  const timely = sum(a.dTimely);
  const avgN = sum(a.dAvgN);
  const consultationsTotal = sum(a.dConsult);
  return {
    range: { from: a.range.from, to: a.range.to },
    profile,
    consultations: a.consultations,
    consultationsTotal,
    consultationsPerDay: a.nDays > 0 ? consultationsTotal / a.nDays : null,
    waits,
    answered,
    timely,
    open: sum(a.dOpen),
    outsideHours: sum(a.dOutside),
    carriedOver: sum(a.dCarried),
    firstResponse: stats(valuesOf(a.first, 0, a.nDays)),
    averageResponseSec: avgN ? sum(a.dAvgSum) / avgN : null,
    responseRate: ratio(answered, waits),
    timelyRate: ratio(timely, waits),
    headline,
    longestWaitSec: a.longestSec,
    byHour: a.byHour,
    repliesByHour: a.repliesByHour,
  };
}

/** Samples grouped by range day (counting sort). */
function byDay(s: Samples, nDays: number): { vals: Float64Array; offset: Int32Array } {
  const offset = new Int32Array(nDays + 1);
  for (let i = 0; i < s.n; i++) offset[s.day[i]! + 1]!++;
  for (let d = 0; d < nDays; d++) offset[d + 1]! += offset[d]!;
  const fill = offset.slice(0, nDays);
  const vals = new Float64Array(s.n);
  for (let i = 0; i < s.n; i++) vals[fill[s.day[i]!]!++] = s.vals[i]!;
  return { vals, offset };
}

function merge(analyses: readonly Analysis[], range: Range): Analysis {
  const base = analyses[0];
  const m = emptyAnalysis(base?.settings ?? PROFILE_DEFAULTS.helpdesk, base?.schedule ?? null, range);
  const total = (pick: (a: Analysis) => Samples) => analyses.reduce((n, a) => n + pick(a).n, 0);
  m.first = samples(total((a) => a.first));
  m.hdFirst = samples(total((a) => a.hdFirst));
  m.hdNext = samples(total((a) => a.hdNext));
  for (const a of analyses) {
    m.consultations += a.consultations;
    m.hdUnansweredNext += a.hdUnansweredNext;
    m.longestSec = Math.max(m.longestSec, a.longestSec);
    for (const key of PER_DAY) for (let d = 0; d < m.nDays; d++) m[key][d]! += a[key][d]!;
    for (let h = 0; h < 24; h++) {
      m.byHour[h]! += a.byHour[h]!;
      m.repliesByHour[h]! += a.repliesByHour[h]!;
    }
    for (const key of ['first', 'hdFirst', 'hdNext'] as const) {
      const src = a[key];
      const dst = m[key];
      dst.vals.set(src.vals.subarray(0, src.n), dst.n);
      dst.day.set(src.day.subarray(0, src.n), dst.n);
      dst.n += src.n;
    }
  }
  return m;
}

// ---- public API ----

/**
 * The dashboard's figures for one site's waits over `range`, counted by `settings` (whatever
 * profile the rounds were stored with). `now` bounds open waits. Rounds before the range only tell
 * a JD session's or a help-desk conversation's first wait; rounds after it are ignored.
 */
export function summarize(rounds: readonly RoundRecord[], range: Range, settings: CountingSettings, now: number, options: SummaryOptions = {}): Summary {
  const a = analyze(rounds, range, settings, now, options);
  return fold(a, headlineOf(a), settings.profile);
}

/** One line per local day of the range (days cut by the range count only their part in it), for trend charts. */
export function daily(rounds: readonly RoundRecord[], range: Range, settings: CountingSettings, now: number, options: SummaryOptions = {}): DaySummary[] {
  const a = analyze(rounds, range, settings, now, options);
  const firsts = byDay(a.first, a.nDays);
  const hdFirsts = settings.profile === 'helpdesk' ? byDay(a.hdFirst, a.nDays) : null;
  const out: DaySummary[] = [];
  for (let r = 0; r < a.nDays; r++) {
    const waits = a.dWaits[r]!;
    out.push({
      date: a.table.date(r + 1),
      dayStart: a.table.starts[r + 1]!,
      consultations: a.dConsult[r]!,
      waits,
      medianFirstResponse: quantile(firsts.vals.subarray(firsts.offset[r]!, firsts.offset[r + 1]!), 0.5),
      averageResponseSec: a.dAvgN[r]! ? a.dAvgSum[r]! / a.dAvgN[r]! : null,
      timelyRate: ratio(a.dTimely[r]!, waits),
      headline: hdFirsts ? quantile(hdFirsts.vals.subarray(hdFirsts.offset[r]!, hdFirsts.offset[r + 1]!), 0.5) : ratio(a.dHeadNum[r]!, a.dHeadDen[r]!),
    });
  }
  return out;
}

export interface HistogramBucket {
  /** Exclusive lower bound (the first bucket starts at 0 inclusive). */
  fromSec: number;
  /** Inclusive upper bound; Infinity for the last (null in JSON). */
  toSec: number;
  count: number;
}

export const DEFAULT_BUCKETS_SEC: readonly number[] = [10, 30, 60, 120, 180, 300, 600, 1800, Infinity];

/** Reply times (calendar seconds) of the answered waits starting in range, by bucket upper bound; an Infinity bucket is added when missing. */
export function histogram(rounds: readonly RoundRecord[], range: Range, bucketsSec: readonly number[] = DEFAULT_BUCKETS_SEC): HistogramBucket[] {
  const bounds = [...new Set(bucketsSec)].sort((x, y) => x - y);
  if (bounds.at(-1) !== Infinity) bounds.push(Infinity);
  const counts = new Array<number>(bounds.length).fill(0);
  for (const r of rounds) {
    if (!(r.startedAt >= range.from && r.startedAt < range.to && r.endedAt > 0)) continue;
    const sec = (r.endedAt - r.startedAt) / 1000;
    let b = 0;
    while (sec > bounds[b]!) b++;
    counts[b]!++;
  }
  return bounds.map((toSec, i) => ({ fromSec: i ? bounds[i - 1]! : 0, toSec, count: counts[i]! }));
}

/** Waits starting in range by local weekday (row 0 = Sunday … 6 = Saturday) × hour of day (24 columns). */
export function heatmap(rounds: readonly RoundRecord[], range: Range): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const { table } = dayTable(range);
  for (const r of rounds) {
    const s = r.startedAt;
    if (!(s >= range.from && s < range.to)) continue;
    const ti = table.index(s);
    grid[table.weekday(ti)]![Math.floor(table.msOfDay(s, ti) / HOUR_MS)]!++;
  }
  return grid;
}

/**
 * Summaries per site, each counted by its own settings (a site missing from `settingsBySite` uses
 * the defaults of its rounds' stored profile), and a combined one: counts and hours added, rates
 * and averages over all counted waits (each measured by its own site's rules), percentiles over
 * all samples, longest wait the maximum. The combined headline exists only when every site uses
 * the same rule (same profile and numbers); otherwise it is null.
 */
export function summarizeBySite(
  rounds: readonly RoundRecord[],
  range: Range,
  settingsBySite: Record<string, CountingSettings>,
  now: number,
  options: SummaryOptions & { scheduleBySite?: Record<string, Schedule> } = {},
): SiteSummaries {
  // Each round's site as a small number (few sites: comparing with the last one beats hashing
  // every round's fresh siteId string), then one analysis per site over the same array.
  const siteIds: string[] = [];
  const firstOf: number[] = [];
  const ids = new Int32Array(rounds.length);
  const counts: number[] = [];
  let last = -1;
  for (let i = 0; i < rounds.length; i++) {
    const siteId = rounds[i]!.siteId;
    if (last < 0 || siteIds[last] !== siteId) {
      last = siteIds.indexOf(siteId);
      if (last < 0) {
        last = siteIds.push(siteId) - 1;
        firstOf.push(i);
        counts.push(0);
      }
    }
    ids[i] = last;
    counts[last]!++;
  }
  const sites: Record<string, Summary> = {};
  const analyses: Analysis[] = [];
  const rules = new Set<string>();
  const profiles = new Set<CountingProfileKind>();
  const bySiteId = siteIds.map((siteId, id) => ({ siteId, id })).sort((x, y) => (x.siteId < y.siteId ? -1 : x.siteId > y.siteId ? 1 : 0));
  for (const { siteId, id } of bySiteId) {
    const settings = settingsBySite[siteId] ?? PROFILE_DEFAULTS[rounds[firstOf[id]!]!.profile ?? 'helpdesk'];
    const a = analyze(rounds, range, settings, now, { schedule: options.scheduleBySite?.[siteId] ?? options.schedule }, { ids, id, count: counts[id]! });
    const headline = headlineOf(a);
    analyses.push(a);
    rules.add(headline.rule);
    profiles.add(settings.profile);
    sites[siteId] = fold(a, headline, settings.profile);
  }
  const combined = merge(analyses, range);
  return {
    sites,
    combined: fold(combined, rules.size === 1 ? headlineOf(combined) : null, profiles.size === 1 ? [...profiles][0]! : 'mixed'),
  };
}
