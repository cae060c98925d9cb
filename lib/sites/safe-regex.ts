// Regular expressions written by agents (site configs, lint rules) run against page text: refuse
// the ones that cannot compile or that can backtrack catastrophically on a hostile page.

const UNBOUNDED = String.raw`(?:[+*]|\{\d+,\})`;
// A group containing an unbounded quantifier, itself repeated without bound: (a+)+, (\w*x)*, (a{2,})+ …
const NESTED = new RegExp(String.raw`\([^()]*` + UNBOUNDED + String.raw`[^()]*\)\s*` + UNBOUNDED);

export function regexProblem(source: string, maxLength = 300): string | null {
  if (source.length > maxLength) return `is longer than ${maxLength} characters`;
  try {
    new RegExp(source, 'iu');
  } catch (err) {
    return `is not a valid regular expression (${err instanceof Error ? err.message : String(err)})`;
  }
  if (NESTED.test(source)) return 'has nested unbounded quantifiers such as (a+)+ (catastrophic backtracking)';
  return null;
}
