import defaults from './packs/lint-rules.json';
import { compileSafeRegex, LINT_REGEX, type SafeRegex } from '@/lib/sites/safe-regex';

// Service-language lint (服务忌语): flags phrases an agent should not send, with the reason and
// the standard phrase to use instead. Rules are data (plain phrases or regular expressions, see
// lint-schema.ts); the agent edits them in options. Linting never changes text by itself.
// This file runs in the page (overlay): no zod here.

export type Localized = string | { 'zh-CN': string; en: string };

export interface LintRule {
  id: string;
  category: string;
  severity: 'error' | 'warning';
  patterns: string[];
  regex: string | null;
  message: Localized;
  suggestion: Localized;
  enabled: boolean;
}

/** The shipped rules (validated by a unit test against lint-schema.ts). */
export function defaultLintRules(): LintRule[] {
  return (defaults.rules as Omit<LintRule, 'enabled'>[]).map((r) => ({ ...r, enabled: true }));
}

export interface LintFlag {
  ruleId: string;
  severity: 'error' | 'warning';
  start: number;
  end: number;
  phrase: string;
  message: string;
  suggestion: string;
  /** The standard phrase quoted in the suggestion (“…”), offered as a one-click replacement. */
  replacement: string | null;
}

interface Compiled {
  rule: LintRule;
  re: SafeRegex;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles rules once, on the same linear-time engine and flags the rule's regex was checked with
 * when saved (lib/sites/safe-regex.ts); a rule that cannot be compiled is skipped. Its phrases are
 * literals: they may make the program larger than a regex alone may be, at no risk.
 */
export function compileRules(rules: readonly LintRule[]): Compiled[] {
  const out: Compiled[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const sources = [...rule.patterns.map(escape), ...(rule.regex ? [rule.regex] : [])];
    const maxProgramSize = 1000 + rule.patterns.reduce((n, p) => n + 4 * p.length + 4, 0);
    const re = compileSafeRegex(sources.map((s) => `(?:${s})`).join('|'), { ...LINT_REGEX, maxProgramSize });
    if (typeof re !== 'string') out.push({ rule, re });
  }
  return out;
}

function pick(text: Localized, locale: 'zh-CN' | 'en'): string {
  return typeof text === 'string' ? text : text[locale];
}

export function lintText(text: string, compiled: readonly Compiled[], locale: 'zh-CN' | 'en'): LintFlag[] {
  const flags: LintFlag[] = [];
  for (const { rule, re } of compiled) {
    for (const m of re.matchAll(text)) {
      const phrase = m.groups[0];
      if (!phrase) continue;
      const suggestion = pick(rule.suggestion, locale);
      flags.push({
        ruleId: rule.id,
        severity: rule.severity,
        start: m.index,
        end: m.index + phrase.length,
        phrase,
        message: pick(rule.message, locale),
        suggestion,
        replacement: /[“"]([^”"]+)[”"]/.exec(suggestion)?.[1] ?? null,
      });
    }
  }
  // One flag per place: the first rule that matched a span wins; ordered by position.
  flags.sort((a, b) => a.start - b.start || b.end - a.end);
  return flags.filter((f, i) => !flags.slice(0, i).some((g) => f.start < g.end && g.start < f.end));
}

/** The sentence around a flag (what a one-click fix replaces). */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const stops = /[。！？!?\n]/;
  let s = start;
  while (s > 0 && !stops.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !stops.test(text[e]!)) e++;
  if (e < text.length && text[e] !== '\n') e++; // keep the sentence's own punctuation in the span
  while (s < start && /\s/.test(text[s]!)) s++;
  return { start: s, end: e };
}
