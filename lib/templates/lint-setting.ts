import { storage } from 'wxt/utils/storage';
import type { LintRule } from './lint';
import { upgradeLegacyLintRegex } from './lint-legacy';

// The agent's lint rules as a setting (storage.local, like the items of lib/settings): kept with
// the lint rules, so that lib/settings needs nothing of lib/templates.

/** The agent's service-language rules; null = the shipped defaults (lib/templates/packs/lint-rules.json). */
export const lintRules = storage.defineItem<LintRule[] | null>('local:lintRules', {
  fallback: null,
  version: 2,
  // 2: the shipped lookahead regexes, which the linear-time engine cannot run, are replaced.
  migrations: { 2: (rules: LintRule[] | null) => rules?.map(upgradeLegacyLintRegex) ?? null },
});
