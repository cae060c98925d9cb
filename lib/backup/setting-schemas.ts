import { z } from 'zod';
import { parseChecklists } from '@/lib/cases/schema';
import { upgradeLegacyLintRegex } from '@/lib/templates/lint-legacy';
import { lintRule } from '@/lib/templates/lint-schema';

// The shape and bounds of every setting a backup may restore (lib/settings/index.ts and
// lib/templates/lint-setting.ts describe each item; the options page's controls write within
// these bounds). A restored value is parsed with its schema before anything is written: a value
// the readers cannot use — `disabledHosts: {}` throws in the loader on every page,
// `retentionDays: "never"` makes pruning throw daily — is refused, naming the setting. Options
// page and background only (zod); live writes go through lib/backup/write-setting.ts.

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM"');
const text = (max: number) => z.string().max(max);

export const settingSchemas = {
  language: z.enum(['auto', 'zh-CN', 'en']),
  agentProfile: z.object({ agentName: text(100), agentId: text(100), shopName: text(100) }).strict(),
  /** `location.host` values: letters, digits, ".", "-", "[", "]", ":" (IPv6, ports). */
  disabledHosts: z
    .array(
      z
        .string()
        .min(1)
        .max(255)
        .regex(/^[\w.\-[\]:]+$/, 'must be a host name such as "example.com"'),
    )
    .max(1000),
  templatesRevision: z.number().int().min(0),
  removedBuiltins: z.array(z.string().min(1).max(100)).max(10_000),
  installedPacks: z.record(z.string().max(20), z.number().int().min(0)),
  lintRules: z.preprocess(
    (v) =>
      Array.isArray(v)
        ? v.map((r) => (r && typeof r === 'object' && 'regex' in r ? upgradeLegacyLintRegex(r as { regex: string | null }) : r))
        : v,
    z.array(lintRule).max(1000).nullable(),
  ),
  typingSpeed: z.number().int().min(5).max(400),
  timerAlerts: z
    .object({ sound: z.boolean(), notify: z.boolean(), quiet: z.object({ enabled: z.boolean(), from: clock, to: clock }).strict() })
    .strict(),
  retentionDays: z.number().int().min(7).max(3650),
  workSchedule: z.object({ days: z.array(z.number().int().min(0).max(6)).max(7), from: clock, to: clock }).strict(),
  weeklyNotes: z.record(z.string().regex(/^\d{1,15}$/, 'must be a week (epoch ms)'), text(20_000)),
  customChecklists: z
    .record(z.enum(['zh-CN', 'en']), z.unknown())
    .nullable()
    .superRefine((all, ctx) => {
      for (const [language, value] of Object.entries(all ?? {})) {
        const r = parseChecklists(value);
        if (!r.ok) for (const e of r.errors) ctx.addIssue({ code: 'custom', message: e, path: [language] });
        else if (r.value.language !== language)
          ctx.addIssue({ code: 'custom', message: `language: must be "${language}"`, path: [language] });
      }
    }),
  caseReminderLeads: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(24 * 30 * 60),
    )
    .max(20),
} satisfies Record<string, z.ZodType>;

export type RestorableSetting = keyof typeof settingSchemas;
export const RESTORABLE_SETTINGS = Object.keys(settingSchemas) as RestorableSetting[];

/** WXT's version record beside an item ("key$"): restored values are written at today's version. */
export const settingMeta = z.object({ v: z.number().int().min(1).max(1000) }).passthrough();
