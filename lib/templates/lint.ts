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
  /**
   * Literal phrases (case-insensitive) inside which a match is not a flag: ordinary wording that
   * contains a flagged phrase ("为保证您的权益", "QQ邮箱", "如有不清楚的地方").
   */
  allow?: string[];
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

/** Where the allowed phrases occur in the text: [start, end) spans, case-insensitive. */
function allowedSpans(text: string, lower: string, phrases: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  // Lower-casing can change the length of a few characters; then match case-sensitively.
  const hay = lower.length === text.length ? lower : text;
  for (const p of phrases) {
    const needle = hay === lower ? p.toLowerCase() : p;
    if (!needle) continue;
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) spans.push([i, i + needle.length]);
  }
  return spans;
}

/**
 * Every rule the text breaks, ordered by position: a match inside one of its rule's `allow`
 * phrases is dropped, and so is a match lying inside another rule's match of the same category
 * (the more specific rule of the same kind speaks, e.g. 绝对正品 over 绝对). Rules of different
 * kinds on the same words are all kept: "这不是我们的问题，你加我微信" breaks two rules.
 */
export function lintText(text: string, compiled: readonly Compiled[], locale: 'zh-CN' | 'en'): LintFlag[] {
  const flags: (LintFlag & { category: string })[] = [];
  let lower: string | null = null;
  for (const { rule, re } of compiled) {
    let allowed: [number, number][] | null = null;
    for (const m of re.matchAll(text)) {
      const phrase = m.groups[0];
      if (!phrase) continue;
      const start = m.index;
      const end = start + phrase.length;
      if (rule.allow?.length) {
        allowed ??= allowedSpans(text, (lower ??= text.toLowerCase()), rule.allow);
        if (allowed.some(([a, b]) => a <= start && end <= b)) continue;
      }
      const suggestion = pick(rule.suggestion, locale);
      flags.push({
        ruleId: rule.id,
        category: rule.category,
        severity: rule.severity,
        start,
        end,
        phrase,
        message: pick(rule.message, locale),
        suggestion,
        replacement: /[“"]([^”"]+)[”"]/.exec(suggestion)?.[1] ?? null,
      });
    }
  }
  flags.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = flags.filter(
    (f) =>
      !flags.some(
        (g) =>
          g !== f &&
          g.ruleId !== f.ruleId &&
          g.category === f.category &&
          g.start <= f.start &&
          f.end <= g.end &&
          g.end - g.start > f.end - f.start,
      ),
  );
  return kept.map(({ category: _category, ...f }) => f);
}

export interface LintSentence {
  start: number;
  end: number;
  text: string;
  /** One entry per rule the sentence breaks, in order of first match, with every phrase that matched. */
  rules: { flag: LintFlag; phrases: string[] }[];
}

/** Groups flags by the sentence they are in (what the popover shows: every rule each sentence breaks). */
export function lintSentences(text: string, flags: readonly LintFlag[]): LintSentence[] {
  const out: LintSentence[] = [];
  for (const f of flags) {
    const span = sentenceAround(text, f.start, f.end);
    let s = out.find((x) => x.start <= f.start && f.start < Math.max(x.end, x.start + 1));
    if (!s) {
      s = { start: span.start, end: span.end, text: text.slice(span.start, span.end), rules: [] };
      out.push(s);
    }
    const r = s.rules.find((x) => x.flag.ruleId === f.ruleId);
    if (!r) s.rules.push({ flag: f, phrases: [f.phrase] });
    else if (!r.phrases.includes(f.phrase)) r.phrases.push(f.phrase);
  }
  return out.sort((a, b) => a.start - b.start);
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
