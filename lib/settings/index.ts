import { storage } from 'wxt/utils/storage';
import type { LanguageSetting } from '@/lib/i18n';

// Settings are small, versioned storage items (records live in Dexie, see lib/db).

export interface AgentProfile {
  agentName: string;
  agentId: string;
  shopName: string;
}

export const languageSetting = storage.defineItem<LanguageSetting>('local:language', {
  fallback: 'auto',
  version: 1,
});

export const agentProfile = storage.defineItem<AgentProfile>('local:agentProfile', {
  fallback: { agentName: '', agentId: '', shopName: '' },
  version: 1,
});

/** Hosts (`location.host`) where the agent switched Deskmate off. Read by the content-script loader. */
export const disabledHosts = storage.defineItem<string[]>('local:disabledHosts', {
  fallback: [],
  version: 1,
});

/**
 * URL match patterns of the enabled site configs, kept by the background so that the
 * content-script loader can decide locally (without waking the service worker) whether
 * the overlay belongs on a page.
 */
export interface SiteMatchEntry {
  id: string;
  matches: string[];
  /** The agent's own config (taught or imported) or a built-in one: the agent's own wins (lib/sites/precedence.ts). */
  source?: 'user' | 'builtin';
}
export const siteMatchIndex = storage.defineItem<SiteMatchEntry[]>('local:siteMatchIndex', {
  fallback: [],
  version: 1,
});

/**
 * The config the agent chose in the overlay for a host where several match (host name → config
 * id). Written by the background (`sites.choose`); applies while that config matches the page.
 */
export const siteChoices = storage.defineItem<Record<string, string>>('local:siteChoices', {
  fallback: {},
  version: 1,
});

/**
 * Per config id: the parts that stopped finding anything and the last time everything was found
 * (lib/sites/health.ts). Written by the background, only when it changes (throttled).
 */
export interface SiteHealthEntry {
  failing: ('messages' | 'senders' | 'conversation' | 'composer')[];
  lastMatchAt: number | null;
  /** When this entry was written. */
  at: number;
}
export const siteHealth = storage.defineItem<Record<string, SiteHealthEntry>>('local:siteHealth', {
  fallback: {},
  version: 1,
});

/** Bumped by every template write; open pages and overlays refresh their copy when it changes. */
export const templatesRevision = storage.defineItem<number>('local:templatesRevision', {
  fallback: 0,
  version: 1,
});

/** Ids of default-pack templates the agent deleted: an update never brings them back. */
export const removedBuiltins = storage.defineItem<string[]>('local:removedBuiltins', {
  fallback: [],
  version: 1,
});

/** Which default pack versions were installed, per language. */
export const installedPacks = storage.defineItem<Record<string, number>>('local:installedPacks', {
  fallback: {},
  version: 1,
});

/** The agent's typing speed (characters per minute), for the "time saved" estimate. */
export const typingSpeed = storage.defineItem<number>('local:typingSpeed', {
  fallback: 40,
  version: 1,
});

/** Alerts when a wait crosses its target. Quiet hours silence sound and notifications (local time, "HH:MM"). */
export interface TimerAlerts {
  sound: boolean;
  notify: boolean;
  quiet: { enabled: boolean; from: string; to: string };
}
export const timerAlerts = storage.defineItem<TimerAlerts>('local:timerAlerts', {
  fallback: { sound: false, notify: true, quiet: { enabled: false, from: '23:00', to: '08:00' } },
  version: 1,
});

/** Days waits, template uses and lint events are kept (pruned daily by an alarm). */
export const retentionDays = storage.defineItem<number>('local:retentionDays', {
  fallback: 180,
  version: 1,
});

/** The agent's working hours (help-desk "business hours" counting). days: 0 = Sunday … 6 = Saturday. */
export interface WorkSchedule {
  days: number[];
  from: string;
  to: string;
}
export const workSchedule = storage.defineItem<WorkSchedule>('local:workSchedule', {
  fallback: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
  version: 1,
});

/**
 * Open waits per site config id, published by the background whenever a wait starts or ends:
 * overlays in every tab read their chips from here without waking the service worker.
 * (Conversation ids and start times only.)
 */
export interface OpenWait {
  conversationId: string;
  waitingSince: number;
}
export const openWaitsBySite = storage.defineItem<Record<string, OpenWait[]>>('local:openWaits', {
  fallback: {},
  version: 1,
});

/**
 * When the background last failed to store something for lack of space (0: never, or a later
 * write succeeded). Published so the side panel, the popup and the overlay can say that timers
 * and metrics are not being recorded (lib/quota.ts).
 */
export const storageFullAt = storage.defineItem<number>('local:storageFullAt', {
  fallback: 0,
});

/** The agent's own findings per week (weekly report), keyed by the week's Monday (epoch ms). */
export const weeklyNotes = storage.defineItem<Record<string, string>>('local:weeklyNotes', {
  fallback: {},
  version: 1,
});

/**
 * The agent's own checklist definitions per language (an edited or imported copy of the shipped
 * ones, validated whole before it is stored); null = the shipped definitions.
 */
export const customChecklists = storage.defineItem<Record<string, unknown> | null>('local:customChecklists', {
  fallback: null,
  version: 1,
});

/** Lead times (minutes before a case deadline) of the reminders. */
export const caseReminderLeads = storage.defineItem<number[]>('local:caseReminderLeads', {
  fallback: [720, 120, 30],
  version: 1,
});
