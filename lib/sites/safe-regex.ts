// Regular expressions written by agents (site configs, lint rules) run against page text: refuse
// the ones that cannot compile or that can backtrack catastrophically on a hostile page.
//
// A small scan of the pattern's groups: a group that is repeated (any quantifier allowing more
// than one repetition) must not contain an unbounded quantifier, at any depth — (a+)+, ((a+))+,
// (?:x|(a+))+, (.*a){12} — nor, when repeated without bound, alternatives — (a|aa)+, (a|a)*.

interface Group {
  unbounded: boolean;
  alternation: boolean;
}

/** The quantifier at `i` (if any): its length and whether it allows more than one / unboundedly many. */
function quantifierAt(src: string, i: number): { length: number; repeats: boolean; unbounded: boolean } | null {
  const c = src[i];
  if (c === '*' || c === '+') return { length: src[i + 1] === '?' ? 2 : 1, repeats: true, unbounded: true };
  if (c === '?') return { length: 1, repeats: false, unbounded: false };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(src.slice(i));
    if (!m) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    return { length: m[0].length, repeats: max > 1, unbounded: max === Infinity };
  }
  return null;
}

function catastrophic(src: string): boolean {
  const stack: Group[] = [{ unbounded: false, alternation: false }];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      const q = quantifierAt(src, i + 1);
      if (q?.unbounded) stack[stack.length - 1]!.unbounded = true;
      continue;
    }
    if (c === '[') {
      // Skip a character class (its quantifier applies to one character).
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      i = j;
      const q = quantifierAt(src, i + 1);
      if (q?.unbounded) stack[stack.length - 1]!.unbounded = true;
      continue;
    }
    if (c === '(') {
      stack.push({ unbounded: false, alternation: false });
      continue;
    }
    if (c === '|') {
      stack[stack.length - 1]!.alternation = true;
      continue;
    }
    if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : { unbounded: false, alternation: false };
      const q = quantifierAt(src, i + 1);
      if (q?.repeats && group.unbounded) return true;
      if (q?.unbounded && group.alternation) return true;
      const parent = stack[stack.length - 1]!;
      if (group.unbounded || q?.unbounded) parent.unbounded = true;
      if (q) i += q.length;
      continue;
    }
    const q = quantifierAt(src, i + 1);
    if (q?.unbounded) stack[stack.length - 1]!.unbounded = true;
  }
  return false;
}

export function regexProblem(source: string, maxLength = 300): string | null {
  if (source.length > maxLength) return `is longer than ${maxLength} characters`;
  try {
    new RegExp(source, 'iu');
  } catch (err) {
    return `is not a valid regular expression (${err instanceof Error ? err.message : String(err)})`;
  }
  if (catastrophic(source)) return 'has nested unbounded quantifiers such as (a+)+ (catastrophic backtracking)';
  return null;
}
