import { storage } from 'wxt/utils/storage';
import type { LintRule } from './lint';
import { upgradeLegacyLintRegex } from './lint-legacy';

// The lint rules the agent edited or imported, kept with the lint (the setting's schema is
// lib/templates/lint-schema.ts); the other settings are in lib/settings/index.ts.

/** The agent's service-language rules; null = the shipped defaults (lib/templates/packs/lint-rules.json). */
export const lintRules = storage.defineItem<LintRule[] | null>('local:lintRules', {
  fallback: null,
  version: 2,
  // 2: the shipped lookahead regexes, which the linear-time engine cannot run, are replaced.
  migrations: { 2: (rules: LintRule[] | null) => rules?.map(upgradeLegacyLintRegex) ?? null },
});
