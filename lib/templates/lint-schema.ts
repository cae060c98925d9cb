import { z } from 'zod';
import { LINT_REGEX, regexProblem as problemWith } from '@/lib/sites/safe-regex';

// Validation of lint rules written or imported by the agent (rule 6). Options page only.

/** Why a lint regex cannot be used, checked as lib/templates/lint.ts runs it (same engine and flags). */
export const regexProblem = (source: string): string | null => problemWith(source, 300, LINT_REGEX);

const localized = z.union([
  z.string().min(1).max(500),
  z.object({ 'zh-CN': z.string().min(1).max(500), en: z.string().min(1).max(500) }).strict(),
]);

export const lintRule = z
  .object({
    id: z.string().min(1).max(100),
    category: z.string().min(1).max(40),
    severity: z.enum(['error', 'warning']),
    patterns: z.array(z.string().min(1).max(100)).max(100),
    regex: z
      .string()
      .nullable()
      .superRefine((s, ctx) => {
        const problem = s === null ? null : regexProblem(s);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    /** Phrases inside which a match is not flagged (ordinary wording that contains a flagged phrase). */
    allow: z.array(z.string().min(1).max(100)).max(100).optional(),
    message: localized,
    suggestion: localized,
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.patterns.length > 0 || r.regex, 'needs at least one phrase or a regular expression');
export type LintRuleInput = z.input<typeof lintRule>;

export const lintRuleSet = z
  .object({ format: z.literal('deskmate/lint-rules'), version: z.literal(1), rules: z.array(lintRule).max(1000) })
  .strict();
