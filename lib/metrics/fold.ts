import { hoursLabel, type Schedule } from '@/lib/metrics/clock';
import { PROFILE_DEFAULTS, type CountingSettings } from '@/lib/sites/counting';
import { stats } from '@/lib/metrics/stats';
import type { CountingProfileKind } from '@/lib/sites/schema';
import { emptyAnalysis, PER_DAY, samples, type Analysis, type Samples } from './analysis';
import type { Headline, HeadlineKind, Range, RuleParams, Summary } from './summary';

// From an Analysis (./analysis.ts) to the figures the dashboard shows: the headline of the
// site's platform, rates, averages and percentiles; and several sites' analyses merged into one.

// ---- folding ----

const sum = (xs: Float64Array, lo = 0, hi = xs.length) => {
  let t = 0;
  for (let i = lo; i < hi; i++) t += xs[i]!;
  return t;
};
export const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

const KINDS: Record<CountingProfileKind, HeadlineKind> = {
  taobao: 'taobao.threeMinuteRate',
  pinduoduo: 'pinduoduo.threeMinuteRate',
  douyin: 'douyin.sessionRate',
  jd: 'jd.firstAnswerRate',
  helpdesk: 'helpdesk.firstReply',
};

/** The rule key and numbers of a profile's headline. */
export function ruleOf(
  settings: CountingSettings,
  schedule: Schedule | null = null,
): { kind: HeadlineKind; rule: string; params: RuleParams } {
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
      parts = [
        'unit=session',
        s.sessionGapSec > 0 ? `gap=${s.sessionGapSec}` : 'session=conversationDay',
        `target=${s.targetSec}`,
        h,
        'anyWaitLate=fail',
      ];
      break;
    case 'jd':
      params.sessionGapSec = s.sessionGapSec;
      parts = ['unit=session', `gap=${s.sessionGapSec}`, `target=${s.targetSec}`, h, 'judgedBy=sessionStart', 'firstWait'];
      break;
    case 'helpdesk':
      if (schedule) params.days = [...schedule.days];
      parts = [
        'stat=median',
        `target=${s.targetSec}`,
        ...(schedule ? ['clock=business', `days=${schedule.days.join(',')}`, h] : ['clock=calendar', h]),
      ];
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

export function headlineOf(a: Analysis, lo = 0, hi = a.nDays): Headline {
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

export function fold(a: Analysis, headline: Headline | null, profile: Summary['profile']): Summary {
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
export function byDay(s: Samples, nDays: number): { vals: Float64Array; offset: Int32Array } {
  const offset = new Int32Array(nDays + 1);
  for (let i = 0; i < s.n; i++) offset[s.day[i]! + 1]!++;
  for (let d = 0; d < nDays; d++) offset[d + 1]! += offset[d]!;
  const fill = offset.slice(0, nDays);
  const vals = new Float64Array(s.n);
  for (let i = 0; i < s.n; i++) vals[fill[s.day[i]!]!++] = s.vals[i]!;
  return { vals, offset };
}

export function merge(analyses: readonly Analysis[], range: Range): Analysis {
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
