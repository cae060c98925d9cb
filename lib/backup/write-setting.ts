import type { z } from 'zod';
import * as items from '@/lib/settings';
import { lintRules } from '@/lib/templates/lint-setting';
import { settingSchemas, type RestorableSetting } from './setting-schemas';

// Every write of a setting from an extension page goes through here (docs/security.md S11): the
// value is parsed with the same schema a backup's value is parsed with, and only a value that
// passes is written — the controls cannot store what the readers (the loader, the pruning, the
// lint) cannot use. Not for content scripts (zod and the checklist schema stay out of the loader).

const ITEMS = {
  language: items.languageSetting,
  agentProfile: items.agentProfile,
  disabledHosts: items.disabledHosts,
  templatesRevision: items.templatesRevision,
  removedBuiltins: items.removedBuiltins,
  installedPacks: items.installedPacks,
  lintRules,
  typingSpeed: items.typingSpeed,
  timerAlerts: items.timerAlerts,
  retentionDays: items.retentionDays,
  workSchedule: items.workSchedule,
  weeklyNotes: items.weeklyNotes,
  customChecklists: items.customChecklists,
  caseReminderLeads: items.caseReminderLeads,
} satisfies Record<RestorableSetting, { setValue(v: never): Promise<void> }>;

/** A setting value its schema refuses: names the setting and what is wrong; nothing was written. */
export class SettingRefused extends Error {
  constructor(
    readonly setting: RestorableSetting,
    readonly issues: string[],
  ) {
    super(`${setting}: ${issues.join('; ')}`);
    this.name = 'SettingRefused';
  }
}

/** Parses `value` with the setting's schema, then writes the parsed value; throws SettingRefused. */
export async function writeSetting<K extends RestorableSetting>(key: K, value: z.input<(typeof settingSchemas)[K]>): Promise<void> {
  const r = settingSchemas[key].safeParse(value);
  if (!r.success)
    throw new SettingRefused(
      key,
      r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)),
    );
  await (ITEMS[key] as { setValue(v: unknown): Promise<void> }).setValue(r.data);
}
