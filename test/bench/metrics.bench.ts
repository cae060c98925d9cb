// Bundled by scripts/bench.mjs and run in Node: the dashboard's aggregation over 200,000 stored
// waits (28 days, as the platforms count 近28天), budget 100 ms for summarize.
import type { WaitRecord } from '@/lib/db/records';
import { PROFILE_DEFAULTS } from '@/lib/sites/counting';
import { daily, heatmap, histogram, summarize, summarizeBySite } from '@/lib/metrics/summary';
import type { CountingProfileKind } from '@/lib/sites/schema';

const DAY = 86_400_000;

function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** `n` waits over 28 days in about n/5 conversations, ordered by start (as the startedAt index reads them). */
export function makeRounds(n: number, from: number, sites: [string, CountingProfileKind][] = [['tb', 'taobao']]): WaitRecord[] {
  const rnd = random(42);
  const out: WaitRecord[] = [];
  let c = 0;
  while (out.length < n) {
    const [siteId, profile] = sites[c % sites.length]!;
    let t = from + Math.floor(rnd() * 28 * DAY);
    const waits = 1 + Math.floor(rnd() * 9);
    for (let w = 0; w < waits && out.length < n; w++) {
      const open = rnd() < 0.03;
      const reply = Math.floor(rnd() < 0.8 ? rnd() * 240_000 : rnd() * 3_600_000);
      out.push({
        id: out.length + 1,
        conversationKey: `${siteId}:conv-${c}`,
        siteId,
        profile,
        startedAt: t,
        endedAt: open ? 0 : t + reply,
      });
      if (open) break;
      t += reply + Math.floor(rnd() * 7_200_000);
    }
    c++;
  }
  // Read back as IndexedDB would: fresh objects in index order, flat strings.
  return structuredClone(out.sort((a, b) => a.startedAt - b.startedAt));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median of `runs` calls after two warm-up calls. */
function time(runs: number, f: () => unknown): number {
  f();
  f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function run(): Record<string, number> {
  const end = new Date(2026, 10, 29).getTime();
  const range = { from: new Date(2026, 10, 1).getTime(), to: end };
  const rounds = makeRounds(200_000, range.from);
  const mixed = makeRounds(200_000, range.from, [
    ['tb', 'taobao'],
    ['pdd', 'pinduoduo'],
    ['jd', 'jd'],
    ['hd', 'helpdesk'],
  ]);
  const hd = { ...PROFILE_DEFAULTS.helpdesk, clock: 'business' as const, hours: { from: 540, to: 1080 } };
  const settingsBySite = { tb: PROFILE_DEFAULTS.taobao, pdd: PROFILE_DEFAULTS.pinduoduo, jd: PROFILE_DEFAULTS.jd, hd };
  // The very first call: code not optimised yet (what the dashboard pays when it first opens).
  const t0 = performance.now();
  summarize(rounds, range, PROFILE_DEFAULTS.taobao, end);
  const summarizeFirstCallMs = performance.now() - t0;
  return {
    summarizeMs: time(11, () => summarize(rounds, range, PROFILE_DEFAULTS.taobao, end)),
    summarizeFirstCallMs,
    summarizeJdMs: time(11, () => summarize(rounds, range, PROFILE_DEFAULTS.jd, end)),
    summarizeHelpdeskBusinessMs: time(11, () => summarize(rounds, range, hd, end)),
    dailyMs: time(11, () => daily(rounds, range, PROFILE_DEFAULTS.taobao, end)),
    summarizeBySiteMs: time(11, () => summarizeBySite(mixed, range, settingsBySite, end)),
    histogramMs: time(11, () => histogram(rounds, range)),
    heatmapMs: time(11, () => heatmap(rounds, range)),
  };
}

// `node <bundle>` prints the figures (scripts/bench.mjs imports run() instead).
if (typeof process !== 'undefined' && process.argv[1] && /metrics[-.]bench/.test(process.argv[1])) console.log(run());
