import type { DeskmateDB } from './database';
import { fromBase64, toBase64 } from './base64';
import { LATEST_VERSION, SCHEMA_VERSIONS } from './database';
import { z } from 'zod';
import { formatIssues, parseSiteConfig } from '@/lib/sites/schema';
import { syntaxSelectorChecker } from '@/lib/sites/selector-syntax';
import { lintRule } from '@/lib/templates/lint-schema';

// Backup and restore of all of Deskmate's data in one file: every table (attachments' Blobs as
// base64) and the settings. A restore validates the whole file first, then replaces everything in
// one transaction (rule 6): a bad file changes nothing.

export const BACKUP_FORMAT = 'deskmate/backup';
/** Settings that are derived and rebuilt by the background (not restored from a file). */
export const DERIVED_SETTINGS = ['siteMatchIndex', 'openWaits'];
/** The settings a backup may restore (storage.local keys of lib/settings, plus their version meta "key$"). */
export const RESTORABLE_SETTINGS = [
  'language',
  'agentProfile',
  'disabledHosts',
  'templatesRevision',
  'removedBuiltins',
  'installedPacks',
  'lintRules',
  'typingSpeed',
  'timerAlerts',
  'retentionDays',
  'workSchedule',
  'weeklyNotes',
  'customChecklists',
  'caseReminderLeads',
];

const TABLES: string[] = Object.keys(SCHEMA_VERSIONS[LATEST_VERSION]!);

interface EncodedBlob {
  $blob: string;
  type: string;
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: 1;
  schemaVersion: number;
  exportedAt: string;
  tables: Record<string, Record<string, unknown>[]>;
  settings: Record<string, unknown>;
}

export async function encodeRecord(record: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    out[k] = v instanceof Blob ? ({ $blob: toBase64(new Uint8Array(await v.arrayBuffer())), type: v.type } satisfies EncodedBlob) : v;
  }
  return out;
}

export function decodeRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    const b = v as EncodedBlob | null;
    out[k] = b && typeof b === 'object' && typeof b.$blob === 'string' ? new Blob([fromBase64(b.$blob) as BlobPart], { type: b.type ?? '' }) : v;
  }
  return out;
}

/** Everything in one object (JSON.stringify it for the file). `settings`: storage.local's items. */
export async function exportAll(db: DeskmateDB, settings: Record<string, unknown>, now = Date.now()): Promise<Backup> {
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const name of TABLES) {
    const rows = (await db.table(name).toArray()) as Record<string, unknown>[];
    tables[name] = await Promise.all(rows.map(encodeRecord));
  }
  const kept = Object.fromEntries(Object.entries(settings).filter(([k]) => RESTORABLE_SETTINGS.includes(k.replace(/\$$/, ''))));
  return { format: BACKUP_FORMAT, version: 1, schemaVersion: LATEST_VERSION, exportedAt: new Date(now).toISOString(), tables, settings: kept };
}

export type BackupParse = { ok: true; value: Backup } | { ok: false; errors: string[] };

/** Validates a whole backup file before anything may be written. */
export function parseBackup(text: string): BackupParse {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [`file: is not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  const b = json as Partial<Backup>;
  const errors: string[] = [];
  if (!b || typeof b !== 'object') return { ok: false, errors: ['file: is not a Deskmate backup'] };
  if (b.format !== BACKUP_FORMAT) errors.push(`format: expected "${BACKUP_FORMAT}"`);
  if (b.version !== 1) errors.push('version: expected 1');
  if (typeof b.schemaVersion !== 'number' || b.schemaVersion < 1 || b.schemaVersion > LATEST_VERSION)
    errors.push(`schemaVersion: ${String(b.schemaVersion)} is not a database version this Deskmate knows (1–${LATEST_VERSION})`);
  if (!b.tables || typeof b.tables !== 'object') errors.push('tables: missing');
  else {
    for (const [name, rows] of Object.entries(b.tables)) {
      if (!TABLES.includes(name)) {
        errors.push(`tables.${name}: unknown table`);
        continue;
      }
      if (!Array.isArray(rows)) {
        errors.push(`tables.${name}: expected a list of records`);
        continue;
      }
      const key = primaryKeyOf(name);
      rows.forEach((row, i) => {
        if (!row || typeof row !== 'object' || Array.isArray(row)) errors.push(`tables.${name}.${i}: expected a record`);
        else if (!key.auto && (row as Record<string, unknown>)[key.name] === undefined) errors.push(`tables.${name}.${i}.${key.name}: missing`);
      });
    }
  }
  if (b.settings !== undefined && (typeof b.settings !== 'object' || b.settings === null || Array.isArray(b.settings))) errors.push('settings: expected an object');
  else if (b.settings) {
    for (const k of Object.keys(b.settings)) {
      const base = k.replace(/\$$/, '');
      if (!RESTORABLE_SETTINGS.includes(base)) errors.push(`settings.${k}: not a Deskmate setting`);
    }
  }
  // Site configs go through the same validation as an import (patterns, catastrophic regexes,
  // selectors by syntax: restore may run where the page's DOM parser is not the judge).
  const configs = b.tables && Array.isArray(b.tables.siteConfigs) ? b.tables.siteConfigs : [];
  configs.forEach((row, i) => {
    const r = parseSiteConfig((row as { config?: unknown }).config, syntaxSelectorChecker);
    if (!r.ok) errors.push(...r.errors.map((e) => `tables.siteConfigs.${i}.config.${e}`));
  });
  // Service-language rules run in every console: validated like the rules editor does.
  const rules = (b.settings as Record<string, unknown> | undefined)?.lintRules;
  if (rules !== undefined && rules !== null) {
    const r = z.array(lintRule).max(1000).safeParse(rules);
    if (!r.success) errors.push(...formatIssues(r.error, 'settings.lintRules'));
  }
  // A preview is only ever an image we made ourselves (a data: URL), never an address to load.
  const atts = b.tables && Array.isArray(b.tables.attachments) ? b.tables.attachments : [];
  atts.forEach((row, i) => {
    const p = (row as { preview?: unknown }).preview;
    if (p !== undefined && (typeof p !== 'string' || !p.startsWith('data:image/'))) errors.push(`tables.attachments.${i}.preview: must be a data:image URL`);
  });
  if (errors.length) return { ok: false, errors: errors.slice(0, 50) };
  return { ok: true, value: { ...(b as Backup), settings: b.settings ?? {} } };
}

function primaryKeyOf(table: string): { name: string; auto: boolean } {
  const spec = SCHEMA_VERSIONS[LATEST_VERSION]![table]!.split(',')[0]!.trim();
  return { name: spec.replace(/^\+\+|^&/, ''), auto: spec.startsWith('++') };
}

/** Replaces all data with the backup's, in one transaction (all or nothing). */
export async function restoreAll(db: DeskmateDB, backup: Backup): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction('rw', TABLES.map((n) => db.table(n)), async () => {
    for (const name of TABLES) {
      const table = db.table(name);
      await table.clear();
      const rows = (backup.tables[name] ?? []).map(decodeRecord);
      if (rows.length) await table.bulkAdd(rows);
      counts[name] = rows.length;
    }
  });
  return counts;
}
