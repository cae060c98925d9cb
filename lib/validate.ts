import { z } from 'zod';

// What every importer shares (docs/engineering.md rule 6: validate whole, then write): the parse
// result, one wording for validation errors ("field.path: what is wrong", in English; rendered in
// the agent's language by lib/i18n/errors.ts), and reading a file with a size limit before any
// of it is parsed. Used by the checklist, template, site-config and backup importers.

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** At most this many errors are listed; the rest are counted ("… and 12 more errors"). */
export const MAX_ERRORS = 50;

const quoteList = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');

/** One wording for zod's own messages, so they read like ours (and lib/i18n/errors.ts translates them). */
export const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      return issue.expected === 'int'
        ? 'must be a whole number'
        : `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${quoteList(issue.values)}` : `must be one of ${quoteList(issue.values)}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${quoteList(issue.keys)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is empty' : `is shorter than ${String(issue.minimum)} characters`;
      if (issue.origin === 'array') return Number(issue.minimum) <= 1 ? 'is empty' : `holds fewer than ${String(issue.minimum)} items`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `is longer than ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `holds more than ${String(issue.maximum)} items`;
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return 'is not valid';
  }
};

/** "prefix.path" of an issue ("" when it concerns the whole input and there is no prefix). */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.');
}

/**
 * Formats zod issues as "field.path: message" lines a person can act on. An issue about the whole
 * input is named `root` ("file" for an imported file), or is the bare message when `root` is "".
 */
export function formatIssues(error: z.ZodError, prefix = '', root = ''): string[] {
  return error.issues.map((i) => {
    const path = issuePath(prefix, i.path) || root;
    return path ? `${path}: ${i.message}` : i.message;
  });
}

/** The first MAX_ERRORS errors, and a count of the rest. */
export function capErrors(errors: string[]): string[] {
  return errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more errors`] : errors;
}

/**
 * Parses (part of) an imported file with a schema, in the shared wording; errors are prefixed with
 * `prefix` ("tables.cases.3"), and an error about the whole input is the file's.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): ParseResult<z.output<S>> {
  const r = schema.safeParse(input, { error: errorMap });
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: formatIssues(r.error, prefix, 'file') };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MB`;

export function tooLargeError(maxBytes: number): string {
  return `file: is larger than ${megabytes(maxBytes)}`;
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Decodes file bytes as UTF-8 (with or without BOM); invalid UTF-8 is an error, not mojibake. */
export function decodeUtf8(bytes: Uint8Array, maxBytes: number): ParseResult<string> {
  if (bytes.byteLength > maxBytes) return { ok: false, errors: [tooLargeError(maxBytes)] };
  try {
    return { ok: true, value: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, errors: ['file: is not valid UTF-8 text (save it as “CSV UTF-8” or JSON in UTF-8)'] };
  }
}

/** Reads a chosen file as UTF-8 text; a file over the limit is refused before it is read. */
export async function readFileText(file: Blob, maxBytes: number): Promise<ParseResult<string>> {
  if (file.size > maxBytes) return { ok: false, errors: [tooLargeError(maxBytes)] };
  return decodeUtf8(new Uint8Array(await file.arrayBuffer()), maxBytes);
}

/** Parses JSON text (an imported file) with a size limit in UTF-8 bytes; a leading BOM is ignored. */
export function parseJsonText(text: string, maxBytes: number): ParseResult<unknown> {
  // A UTF-16 code unit is at least one UTF-8 byte, so the cheap check comes first.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && new TextEncoder().encode(text).byteLength > maxBytes))
    return { ok: false, errors: [tooLargeError(maxBytes)] };
  const body = stripBom(text);
  if (!body.trim()) return { ok: false, errors: ['file: is empty'] };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    return { ok: false, errors: [`file: is not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
}
