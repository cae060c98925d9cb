// CSV as spreadsheets read it (RFC 4180), one reader and one writer for every import and export:
// the template library, the metrics export and the weekly report. Cells that a spreadsheet would
// run as a formula are escaped on the way out and unescaped on the way in.

import type { ParseResult } from '@/lib/validate';

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Spreadsheet formula injection: text cells that would start a formula get a leading apostrophe. */
export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** One CSV cell: RFC 4180 quoting; text is formula-escaped (numbers are ours, never escaped). */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const v = escapeCell(value);
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One CSV line (no line end). */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',');
}

/** A CSV file: a BOM (spreadsheets open it as UTF-8), one line a row, CRLF line ends. */
export function csvText(rows: readonly (readonly Cell[])[]): string {
  return '\ufeff' + rows.map(csvLine).join('\r\n') + '\r\n';
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, newlines inside quotes. */
export function parseCsvRows(text: string): ParseResult<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let line = 1;
  let quoteStartLine = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteStartLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
    } else field += c;
    i++;
  }
  if (quoted) return { ok: false, errors: [`line ${quoteStartLine}: a quoted field is never closed`] };
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return { ok: true, value: rows.filter((r) => !(r.length === 1 && r[0] === '')) };
}
