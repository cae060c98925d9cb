import type { CountingProfileKind, SiteConfig } from './schema';

// The numbers a counting profile uses (docs/counting.md), resolved from the profile's defaults and
// the site config's `counting` overrides. Every number is editable per site config.

export interface CountedHours {
  /** Minutes after local midnight, inclusive. */
  from: number;
  /** Minutes after local midnight, exclusive (1440 = midnight). */
  to: number;
}

export interface CountingSettings {
  profile: CountingProfileKind;
  /** Reply target in seconds: a wait longer than this is "late" (chip red, badge, notification). */
  targetSec: number;
  /** Taobao: cap per round for the average (平响). */
  capSec: number;
  /** JD and Douyin: a wait starting within this gap of the last reply = same session (0 = one session per conversation and day). */
  sessionGapSec: number;
  hours: CountedHours;
  clock: 'calendar' | 'business';
}

export const PROFILE_DEFAULTS: Record<CountingProfileKind, CountingSettings> = {
  taobao: { profile: 'taobao', targetSec: 180, capSec: 600, sessionGapSec: 0, hours: { from: 8 * 60, to: 23 * 60 }, clock: 'calendar' },
  pinduoduo: {
    profile: 'pinduoduo',
    targetSec: 180,
    capSec: 600,
    sessionGapSec: 0,
    hours: { from: 8 * 60, to: 23 * 60 },
    clock: 'calendar',
  },
  // 8:00–22:59:59: "to" is exclusive, so 23:00. Session: a wait more than 10 min after the last
  // reply opens a new one (docs/counting.md, "Douyin").
  douyin: { profile: 'douyin', targetSec: 180, capSec: 600, sessionGapSec: 600, hours: { from: 8 * 60, to: 23 * 60 }, clock: 'calendar' },
  jd: { profile: 'jd', targetSec: 30, capSec: 600, sessionGapSec: 600, hours: { from: 9 * 60, to: 23 * 60 }, clock: 'calendar' },
  helpdesk: { profile: 'helpdesk', targetSec: 3600, capSec: 86400, sessionGapSec: 0, hours: { from: 0, to: 24 * 60 }, clock: 'calendar' },
};

export function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function countingFor(config: Pick<SiteConfig, 'profile' | 'counting'>): CountingSettings {
  const base = PROFILE_DEFAULTS[config.profile];
  const o = config.counting ?? {};
  return {
    profile: config.profile,
    targetSec: o.targetSec ?? base.targetSec,
    capSec: o.capSec ?? base.capSec,
    sessionGapSec: o.sessionGapSec ?? base.sessionGapSec,
    hours: o.hours ? { from: parseClock(o.hours.from), to: parseClock(o.hours.to) } : base.hours,
    clock: o.clock ?? base.clock,
  };
}

/** Chip colour for a wait of `elapsedSec`: amber from half the target, red at the target. */
export function waitLevel(elapsedSec: number, targetSec: number): 'ok' | 'warn' | 'late' {
  if (elapsedSec >= targetSec) return 'late';
  if (elapsedSec >= targetSec / 2) return 'warn';
  return 'ok';
}
