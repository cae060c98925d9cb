import { RE2JS } from 're2js';

// Regular expressions written by agents (site configs, lint rules) run against page text and the
// draft being typed. They run on RE2 (the `re2js` port), whose matching time is linear in the
// input by construction: no backtracking, so no pattern can freeze a tab however it is written.
// This module is the only place such a regex is compiled or run, and the check at import/save
// time compiles it exactly as the run does (same engine, same flags). Syntax and limits:
// docs/site-config.md "Regular expressions" and docs/security.md §4.
//
// What RE2 cannot run is refused at import: lookahead `(?=…)`/`(?!…)`, backreferences `\1`,
// `\k<name>`. Lookbehind `(?<=…)`/`(?<!…)` is supported (re2js runs it in linear time too).
// JavaScript's `\uXXXX` and `\u{X}` escapes are accepted and mean the same as RE2's `\x{X}`.

/** Longest text a site-config regex looks at (a URL, a time, an order number: far shorter). */
export const MAX_EXTRACT_INPUT = 2000;
/** Longest draft the lint looks at (a template body's limit); text beyond it is not flagged. */
export const MAX_LINT_INPUT = 20_000;
/**
 * RE2's "program size" (≈ instructions) allowed for one regex. Matching costs at most
 * input length × program size steps; counted repetitions are what make a program large
 * (`[\s\S]{1,450}x` ≈ 900).
 */
export const MAX_PROGRAM_SIZE = 1000;

export interface RegexOptions {
  /** Case-insensitive (Unicode case folding). Lint rules: yes; site-config extraction: no. */
  ignoreCase: boolean;
  /** Characters of input looked at; the rest is ignored. */
  maxInput: number;
  /** Largest program accepted (default MAX_PROGRAM_SIZE). */
  maxProgramSize?: number;
}

export const EXTRACT_REGEX: RegexOptions = { ignoreCase: false, maxInput: MAX_EXTRACT_INPUT };
export const LINT_REGEX: RegexOptions = { ignoreCase: true, maxInput: MAX_LINT_INPUT };

export interface RegexMatch {
  /** Position of the match in the input, in UTF-16 code units (as String indices). */
  index: number;
  /** The whole match, then each capture group (undefined when the group did not take part). */
  groups: (string | undefined)[];
}

export interface SafeRegex {
  readonly source: string;
  /** The first match in the first `maxInput` characters of `text`, or null. */
  exec(text: string): RegexMatch | null;
  /** All non-overlapping matches in the first `maxInput` characters of `text`. */
  matchAll(text: string): RegexMatch[];
}

/**
 * JavaScript's `\uXXXX` / `\u{X…}` become RE2's `\x{…}`; everything else is passed through
 * unchanged (RE2 then refuses what it does not know, e.g. `\k<name>`, rather than a translation
 * silently changing its meaning).
 */
function toRe2Syntax(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = source[i + 1];
    if (next === 'u') {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(source.slice(i + 2, i + 11));
      const four = /^[0-9a-fA-F]{4}/.exec(source.slice(i + 2, i + 6));
      if (braced) {
        out += `\\x{${braced[1]}}`;
        i += 1 + braced[0].length;
        continue;
      }
      if (four) {
        out += `\\x{${four[0]}}`;
        i += 5;
        continue;
      }
    }
    out += c + (next ?? '');
    i++;
  }
  return out;
}

const cache = new Map<string, SafeRegex | string>();

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^error parsing regexp: /, '');
}

/**
 * Compiles a regex for RE2 with the given options, or returns why it cannot be run (a sentence
 * fragment to follow the field's name: "is not a valid regular expression (…)").
 */
export function compileSafeRegex(source: string, options: RegexOptions): SafeRegex | string {
  const key = `${options.ignoreCase ? 'i' : '-'}${options.maxInput},${options.maxProgramSize ?? MAX_PROGRAM_SIZE}:${source}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const result = build(source, options);
  if (cache.size > 500) cache.clear();
  cache.set(key, result);
  return result;
}

function build(source: string, options: RegexOptions): SafeRegex | string {
  let re: RE2JS;
  try {
    re = RE2JS.compile(toRe2Syntax(source), RE2JS.LOOKBEHINDS | (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0));
  } catch (err) {
    const why = describe(err);
    if (/`\(\?[=!]/.test(why)) return `uses a lookahead "(?=" or "(?!", which Deskmate cannot run in linear time (${why})`;
    if (/escape sequence: `\\[1-9k]/.test(why)) return `uses a backreference, which Deskmate cannot run in linear time (${why})`;
    return `is not a regular expression Deskmate can run (${why})`;
  }
  const maxSize = options.maxProgramSize ?? MAX_PROGRAM_SIZE;
  if (re.programSize() > maxSize) {
    return `is too complex (${re.programSize()} steps per character, at most ${maxSize}; use smaller counted repetitions such as {1,50})`;
  }
  const cap = (text: string) => (text.length > options.maxInput ? text.slice(0, options.maxInput) : text);
  const toMatch = (m: RegExpMatchArray | unknown[]): RegexMatch => ({
    index: (m as { index?: number }).index ?? 0,
    groups: Array.from(m as ArrayLike<string | undefined>, (g) => (g == null ? undefined : String(g))),
  });
  return {
    source,
    exec(text: string) {
      const m = re.exec(cap(text));
      return m ? toMatch(m) : null;
    },
    matchAll(text: string): RegexMatch[] {
      const out: RegexMatch[] = [];
      for (const m of re.matchAll(cap(text))) out.push(toMatch(m));
      return out;
    },
  };
}

/**
 * Why `source` cannot be used as a regex with these options (null if it can). The same
 * compilation as at run time, so what passes here is exactly what runs.
 */
export function regexProblem(source: string, maxLength: number, options: RegexOptions): string | null {
  if (source.length > maxLength) return `is longer than ${maxLength} characters`;
  const r = compileSafeRegex(source, options);
  return typeof r === 'string' ? r : null;
}
