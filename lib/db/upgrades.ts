// Data upgrades between database versions (lib/db/database.ts SCHEMA_VERSIONS). A version that
// changes what rows hold adds an entry here: `row` rewrites one row of a table from the previous
// version's shape to its own. The same function upgrades the live database (Dexie's `upgrade`,
// database.ts) and the rows of a backup made by an older version before they are validated and
// restored (lib/backup/backup.ts), so restored data is always in today's shape.
//
// Version 1 is the first: nothing to upgrade yet.

export type Row = Record<string, unknown>;

export interface Upgrade {
  /** One row of `table`, from version (this − 1) to this version. */
  row(table: string, row: Row): Row;
}

export const UPGRADES: Readonly<Record<number, Upgrade>> = {};

/** Every table's rows upgraded from `from` to `to`, one version at a time. */
export function upgradeTables(
  tables: Record<string, Row[]>,
  from: number,
  to: number,
  upgrades: Readonly<Record<number, Upgrade>> = UPGRADES,
): Record<string, Row[]> {
  let out = tables;
  for (let v = from + 1; v <= to; v++) {
    const step = upgrades[v];
    if (!step) continue;
    out = Object.fromEntries(Object.entries(out).map(([name, rows]) => [name, rows.map((r) => step.row(name, r))]));
  }
  return out;
}
