import type { DeskmateDB } from '@/lib/db/database';
import { fromBase64, toBase64 } from '@/lib/base64';
import { LATEST_VERSION, SCHEMA_VERSIONS } from '@/lib/db/database';
import { checkAttachment, extensionFor, SNIFF_BYTES, typeFromName } from '@/lib/cases/attachments';
import { RESTORABLE_SETTINGS, settingMeta, settingSchemas, type RestorableSetting } from './setting-schemas';
import { parseSiteConfig } from '@/lib/sites/schema';
import { capErrors, parseJsonText, parseWith, type ParseResult } from '@/lib/validate';
import { syntaxSelectorChecker } from '@/lib/sites/selector-syntax';
import { rowSchemas, type TableName } from './row-schemas';
import { upgradeTables } from '@/lib/db/upgrades';

// Backup and restore of all of Deskmate's data in one file: every table (attachments' Blobs as
// base64) and the settings. A restore validates the whole file first, then replaces everything in
// one transaction (rule 6): a bad file changes nothing.

export const BACKUP_FORMAT = 'deskmate/backup';
/** Settings that are derived and rebuilt by the background (not restored from a file). */
export const DERIVED_SETTINGS = ['siteMatchIndex', 'openWaits'];
/** The settings a backup may restore (storage.local keys of lib/settings and lib/templates/lint-setting.ts, plus their version meta "key$"). */
export { RESTORABLE_SETTINGS };

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
    out[k] =
      b && typeof b === 'object' && typeof b.$blob === 'string' ? new Blob([fromBase64(b.$blob) as BlobPart], { type: b.type ?? '' }) : v;
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
  const kept = Object.fromEntries(
    Object.entries(settings).filter(([k]) => (RESTORABLE_SETTINGS as string[]).includes(k.replace(/\$$/, ''))),
  );
  return {
    format: BACKUP_FORMAT,
    version: 1,
    schemaVersion: LATEST_VERSION,
    exportedAt: new Date(now).toISOString(),
    tables,
    settings: kept,
  };
}

/** Largest backup file read, in UTF-8 bytes (the tables hold evidence files, base64-encoded). */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

/**
 * Validates a whole backup file before anything may be written: every row of every table with
 * the schema of what Deskmate itself writes there (lib/backup/row-schemas.ts), after upgrading rows of
 * an older database version (lib/db/upgrades.ts); every setting with its schema
 * (lib/backup/setting-schemas.ts); every evidence file by its content (magic bytes, as an upload).
 * The value returned is what is written: parsed rows and settings, files typed by their content.
 */
export function parseBackup(text: string): ParseResult<Backup> {
  const json = parseJsonText(text, MAX_BACKUP_BYTES);
  if (!json.ok) return json;
  const b = json.value as Partial<Backup>;
  const errors: string[] = [];
  if (!b || typeof b !== 'object' || Array.isArray(b)) return { ok: false, errors: ['file: is not a Deskmate backup'] };
  if (b.format !== BACKUP_FORMAT) errors.push(`format: must be "${BACKUP_FORMAT}"`);
  if (b.version !== 1) errors.push('version: must be 1');
  const schemaVersion = b.schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > LATEST_VERSION)
    errors.push(`schemaVersion: ${String(schemaVersion)} is not a database version this Deskmate knows (1–${LATEST_VERSION})`);
  const tables: Record<string, Record<string, unknown>[]> = {};
  if (!b.tables || typeof b.tables !== 'object' || Array.isArray(b.tables))
    errors.push(b.tables === undefined ? 'tables: is missing' : 'tables: must be an object');
  else {
    for (const [name, rows] of Object.entries(b.tables)) {
      if (!TABLES.includes(name)) errors.push(`tables.${name}: unknown table`);
      else if (!Array.isArray(rows)) errors.push(`tables.${name}: must be a list of records`);
      else tables[name] = rows as Record<string, unknown>[];
    }
  }
  const parsedTables: Record<string, Record<string, unknown>[]> = {};
  if (!errors.length) {
    // Rows of an older version are brought to today's shape first, then checked like live writes.
    const current = upgradeTables(
      Object.fromEntries(
        Object.entries(tables).map(([n, rows]) => [
          n,
          rows.map((r) => (r && typeof r === 'object' && !Array.isArray(r) ? r : { $invalid: r })),
        ]),
      ),
      schemaVersion!,
      LATEST_VERSION,
    );
    for (const [name, rows] of Object.entries(current)) {
      const schema = rowSchemas[name as TableName];
      const key = primaryKeyOf(name);
      const seen = new Set<unknown>();
      parsedTables[name] = [];
      rows.forEach((row, i) => {
        if ('$invalid' in row) return void errors.push(`tables.${name}.${i}: must be a record`);
        const r = parseWith(schema, row, `tables.${name}.${i}`);
        if (!r.ok) return void errors.push(...r.errors);
        const value = r.value as Record<string, unknown>;
        const k = value[key.name];
        if (!key.auto && k === undefined) return void errors.push(`tables.${name}.${i}.${key.name}: is missing`);
        if (k !== undefined && seen.has(k)) return void errors.push(`tables.${name}.${i}.${key.name}: ${JSON.stringify(k)} appears twice`);
        seen.add(k);
        parsedTables[name]!.push(value);
      });
    }
    // Site configs: also their selectors, by syntax (restore may run where no page DOM judges them).
    (parsedTables.siteConfigs ?? []).forEach((row, i) => {
      const r = parseSiteConfig(row.config, syntaxSelectorChecker);
      if (!r.ok) errors.push(...r.errors.map((e) => `tables.siteConfigs.${i}.config.${e}`));
    });
    // Evidence files: by content, as an upload is (lib/cases/attachments.ts), and named for it.
    (parsedTables.attachments ?? []).forEach((row, i) => {
      const problem = attachmentProblem(row);
      if (problem) errors.push(`tables.attachments.${i}.${problem}`);
    });
  }
  const settings: Record<string, unknown> = {};
  if (b.settings !== undefined && (typeof b.settings !== 'object' || b.settings === null || Array.isArray(b.settings)))
    errors.push('settings: must be an object');
  else if (b.settings) {
    for (const [k, v] of Object.entries(b.settings)) {
      const base = k.replace(/\$$/, '');
      if (!(RESTORABLE_SETTINGS as string[]).includes(base)) {
        errors.push(`settings.${k}: is not a Deskmate setting`);
        continue;
      }
      if (k.endsWith('$')) {
        // WXT's version record: not restored (values are parsed into today's shape and version).
        const r = parseWith(settingMeta, v, `settings.${k}`);
        if (!r.ok) errors.push(...r.errors);
        continue;
      }
      const r = parseWith(settingSchemas[base as RestorableSetting], v, `settings.${k}`);
      if (!r.ok) errors.push(...r.errors);
      else settings[k] = r.value;
    }
  }
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return { ok: true, value: { ...(b as Backup), tables: parsedTables, settings } };
}

/** Why a restored attachment row cannot be kept (its bytes are not what it says), or null. */
function attachmentProblem(row: Record<string, unknown>): string | null {
  const encoded = row.blob as EncodedBlob;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(encoded.$blob);
  } catch {
    return 'blob: is not base64';
  }
  if (bytes.length !== row.size) return `size: ${String(row.size)} is not the file's ${bytes.length} bytes`;
  const check = checkAttachment({ name: String(row.name), type: String(row.type), size: bytes.length }, bytes.subarray(0, SNIFF_BYTES));
  if (!check.ok) return `blob: ${check.errors.join('; ')}`;
  if (row.type !== check.type || encoded.type !== check.type) return `type: "${String(row.type)}" is not the file's type (${check.type})`;
  if (typeFromName(String(row.name)) !== check.type)
    return `name: "${String(row.name)}" must end in .${extensionFor(check.type)} (the file is ${check.type})`;
  return null;
}

function primaryKeyOf(table: string): { name: string; auto: boolean } {
  const spec = SCHEMA_VERSIONS[LATEST_VERSION]![table]!.split(',')[0]!.trim();
  return { name: spec.replace(/^\+\+|^&/, ''), auto: spec.startsWith('++') };
}

/** The part of extension storage a restore writes: `storage.local` (an argument so tests can fail it). */
export interface SettingsArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Replaces all data with the backup's: the tables in one transaction (all or nothing) and the
 * settings in one storage write. The two stores cannot share a transaction, so the settings go
 * first and are put back as they were when the tables fail: a restore that fails midway (a full
 * disk, a closed database) leaves neither half of the new data behind.
 */
export async function restoreAll(db: DeskmateDB, backup: Backup, area?: SettingsArea): Promise<Record<string, number>> {
  const keys = Object.keys(backup.settings ?? {});
  const before = area && keys.length ? await area.get(keys) : {};
  if (area && keys.length) await area.set(backup.settings);
  try {
    return await restoreTables(db, backup);
  } catch (e) {
    if (area && keys.length) {
      const absent = keys.filter((k) => before[k] === undefined);
      await area.set(before).catch(() => undefined);
      if (absent.length) await area.remove(absent).catch(() => undefined);
    }
    throw e;
  }
}

async function restoreTables(db: DeskmateDB, backup: Backup): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(
    'rw',
    TABLES.map((n) => db.table(n)),
    async () => {
      for (const name of TABLES) {
        const table = db.table(name);
        await table.clear();
        const rows = (backup.tables[name] ?? []).map(decodeRecord);
        if (rows.length) await table.bulkAdd(rows);
        counts[name] = rows.length;
      }
    },
  );
  return counts;
}
