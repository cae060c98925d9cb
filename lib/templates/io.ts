import { z } from 'zod';
import type { TemplateRecord } from '@/lib/db/records';
import { csvText, parseCsvRows, unescapeCell } from '@/lib/csv';
import { capErrors, decodeUtf8, errorMap, formatIssues, parseJsonText, type ParseResult } from '@/lib/validate';

// Import and export of template libraries: the JSON pack format and CSV (folder,shortcode,title,body).
// Rule 6: a file is validated whole first; every error names the item/row and the field.

export const MAX_BODY = 20000;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const shortcode = z
  .string()
  .trim()
  .max(32, 'is longer than 32 characters')
  .regex(/^[\p{L}\p{N}_-]*$/u, 'may only hold letters, digits, "_" and "-"');

export const packTemplate = z
  .object({
    id: z.string().min(1).max(100).optional(),
    title: z.string().trim().min(1, 'is empty').max(200, 'is longer than 200 characters'),
    body: z.string().min(1, 'is empty').max(MAX_BODY, `is longer than ${MAX_BODY} characters`),
    shortcode: shortcode.optional(),
    folder: z.string().max(200).optional(),
    tags: z.array(z.string().min(1).max(50)).max(50).optional(),
    sites: z.array(z.string().min(1).max(64)).max(100).optional(),
  })
  .strict();
export type PackTemplate = z.output<typeof packTemplate>;

const pack = z
  .object({
    format: z.literal('deskmate/templates', { error: 'must be "deskmate/templates"' }),
    version: z.literal(1, { error: 'must be 1' }),
    language: z.string().max(20).optional(),
    exportedAt: z.string().max(40).optional(),
    templates: z.array(z.unknown()).max(100000, 'holds more than 100,000 templates'),
  })
  .strict();

export interface ParsedPack {
  language?: string;
  templates: PackTemplate[];
}

/** Validates a JSON pack object (already parsed). */
export function parsePack(input: unknown): ParseResult<ParsedPack> {
  const head = pack.safeParse(input, { error: errorMap });
  if (!head.success) return { ok: false, errors: formatIssues(head.error, '', 'file') };
  const errors: string[] = [];
  const templates: PackTemplate[] = [];
  head.data.templates.forEach((item, i) => {
    const r = packTemplate.safeParse(item, { error: errorMap });
    if (r.success) templates.push(r.data);
    else
      for (const issue of r.error.issues)
        errors.push(`templates[${i}]${titleHint(item)}.${issue.path.map(String).join('.') || 'item'}: ${issue.message}`);
  });
  errors.push(...duplicateErrors(templates, (i) => `templates[${i}]`));
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return { ok: true, value: { language: head.data.language, templates } };
}

function titleHint(item: unknown): string {
  const title = item && typeof item === 'object' ? (item as { title?: unknown }).title : undefined;
  return typeof title === 'string' && title.trim() ? ` (“${title.trim().slice(0, 30)}”)` : '';
}

function duplicateErrors(templates: PackTemplate[], where: (i: number) => string): string[] {
  const errors: string[] = [];
  const ids = new Map<string, number>();
  const codes = new Map<string, number>();
  templates.forEach((t, i) => {
    if (t.id) {
      const first = ids.get(t.id);
      if (first !== undefined) errors.push(`${where(i)}.id: "${t.id}" is also used by ${where(first)}`);
      else ids.set(t.id, i);
    }
    if (t.shortcode) {
      const first = codes.get(t.shortcode);
      if (first !== undefined) errors.push(`${where(i)}.shortcode: "${t.shortcode}" is also used by ${where(first)}`);
      else codes.set(t.shortcode, i);
    }
  });
  return errors;
}

// ---- CSV ----

export const CSV_COLUMNS = ['folder', 'shortcode', 'title', 'body'] as const;
const CSV_HEADER_ALIASES: Record<string, (typeof CSV_COLUMNS)[number]> = {
  folder: 'folder',
  目录: 'folder',
  文件夹: 'folder',
  shortcode: 'shortcode',
  快捷码: 'shortcode',
  快捷短语: 'shortcode',
  title: 'title',
  标题: 'title',
  body: 'body',
  内容: 'body',
  正文: 'body',
};

export function parseCsv(text: string): ParseResult<ParsedPack> {
  const parsed = parseCsvRows(text);
  if (!parsed.ok) return parsed;
  const [header, ...rows] = parsed.value;
  if (!header) return { ok: false, errors: ['file: is empty'] };
  const columns = header.map((h) => CSV_HEADER_ALIASES[h.trim().toLowerCase()] ?? CSV_HEADER_ALIASES[h.trim()]);
  const missing = CSV_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = header.filter((_, i) => !columns[i]);
  if (missing.length || unknown.length)
    return {
      ok: false,
      errors: [
        `row 1 (header): expected the columns ${CSV_COLUMNS.join(',')}` +
          (missing.length ? `; missing ${missing.join(', ')}` : '') +
          (unknown.length ? `; unknown ${unknown.map((u) => `"${u}"`).join(', ')}` : ''),
      ],
    };
  const errors: string[] = [];
  const templates: PackTemplate[] = [];
  rows.forEach((cells, r) => {
    const rowNo = r + 2;
    if (cells.length !== header.length) {
      errors.push(`row ${rowNo}: has ${cells.length} cells, the header has ${header.length}`);
      return;
    }
    const item: Record<string, string> = {};
    columns.forEach((col, i) => {
      if (col) item[col] = unescapeCell(cells[i] ?? '');
    });
    const candidate = {
      title: item.title,
      body: item.body,
      ...(item.shortcode?.trim() ? { shortcode: item.shortcode.trim() } : {}),
      ...(item.folder?.trim() ? { folder: item.folder.trim() } : {}),
    };
    const res = packTemplate.safeParse(candidate, { error: errorMap });
    if (res.success) templates.push(res.data);
    else for (const issue of res.error.issues) errors.push(`row ${rowNo}, ${issue.path.map(String).join('.') || 'row'}: ${issue.message}`);
  });
  errors.push(...duplicateErrors(templates, (i) => `row ${i + 2}`));
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return { ok: true, value: { templates } };
}

/** Parses an import file by its content: a JSON pack or a CSV table. */
export function parseImport(bytes: Uint8Array, fileName = ''): ParseResult<ParsedPack> {
  const decoded = decodeUtf8(bytes, MAX_FILE_BYTES);
  return decoded.ok ? parseImportText(decoded.value, fileName) : decoded;
}

/** parseImport for text already read (lib/validate.ts readFileText). */
export function parseImportText(text: string, fileName = ''): ParseResult<ParsedPack> {
  const looksJson = /\.json$/i.test(fileName) || /^\s*[[{]/.test(text);
  if (!looksJson) return parseCsv(text);
  const json = parseJsonText(text, MAX_FILE_BYTES);
  return json.ok ? parsePack(json.value) : json;
}

// ---- export ----

type Exportable = Pick<TemplateRecord, 'id' | 'title' | 'body' | 'shortcode' | 'folder' | 'tags' | 'sites'>;

export function exportJson(templates: readonly Exportable[], now = new Date()): string {
  return JSON.stringify(
    {
      format: 'deskmate/templates',
      version: 1,
      exportedAt: now.toISOString(),
      templates: templates.map((t) => ({
        id: t.id,
        title: t.title,
        body: t.body,
        ...(t.shortcode ? { shortcode: t.shortcode } : {}),
        ...(t.folder ? { folder: t.folder } : {}),
        ...(t.tags.length ? { tags: t.tags } : {}),
        ...(t.sites.length ? { sites: t.sites } : {}),
      })),
    },
    null,
    2,
  );
}

/** CSV with a BOM so spreadsheet tools open it as UTF-8; CRLF line ends. */
export function exportCsv(templates: readonly Exportable[]): string {
  return csvText([CSV_COLUMNS, ...templates.map((t) => [t.folder, t.shortcode ?? '', t.title, t.body])]);
}
