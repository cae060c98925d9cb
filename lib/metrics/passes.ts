import type { WaitRecord } from '@/lib/db/records';
import type { CountingSettings } from '@/lib/sites/counting';
import { BusinessClock, inWindow, scheduleFor } from '@/lib/metrics/clock';
import { emptyAnalysis, HOUR_MS, KeyIds, push, samples, type Analysis, type Kept, type Only, type Rules } from './analysis';
import type { Range, SummaryOptions } from './summary';

// The passes over the waits that fill an Analysis (./analysis.ts): one over the waits for what a
// wait decides alone, a counting sort by conversation, one over each conversation's waits in
// time order (first waits, sessions, buyer-days). The rules are docs/counting.md's.

export function analyze(
  waits: readonly WaitRecord[],
  range: Range,
  settings: CountingSettings,
  now: number,
  options: SummaryOptions = {},
  only: Only | null = null,
): Analysis {
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
  const kept = passWaits(waits, a, rules, only);
  const { order, offset } = byConversation(kept);
  passConversations(a, rules, kept, order, offset);
  return a;
}

/** Pass 1: what each wait decides alone (counts, hours, reply times, Taobao's rule). */
function passWaits(waits: readonly WaitRecord[], a: Analysis, rules: Rules, only: Only | null): Kept {
  const { from, to, targetSec, capSec, hours, clock, openUntil, history } = rules;
  const taobao = rules.profile === 'taobao';
  const { table, dWaits, dAnswered, dTimely, dOpen, dOutside, dCarried, dAvgSum, dAvgN, byHour, repliesByHour } = a;
  const N = waits.length;
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
    const r = waits[i]!;
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

/** Pass 2: counting sort of the kept waits by conversation (stable: input order kept). */
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
        order.set(
          Array.from(order.subarray(lo, hi)).sort((x, y) => st[x]! - st[y]!),
          lo,
        );
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
    // Taobao conversation-day: its waits, those within the target, their 平响 values, a bot reply seen.
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

/** A Taobao conversation-day: its waits count, unless only the bot answered it (then they are set aside). */
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
