import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskmateDB, LATEST_VERSION, SCHEMA_VERSIONS } from '@/lib/db/database';

// One example database per schema version (test/fixtures/db/v1.json, v2.json, …). Each is written at its own
// version and then opened by the current code: every upgrade step runs and every record survives.

const dir = join(__dirname, '../fixtures/db');
const fixtures = readdirSync(dir)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { version: number; tables: Record<string, unknown[]> });

describe('database migrations', () => {
  it('has an example database for every schema version', () => {
    expect(fixtures.map((f) => f.version).sort()).toEqual(Object.keys(SCHEMA_VERSIONS).map(Number).sort());
  });

  it.each(fixtures.map((f) => [f.version, f] as const))(
    'upgrades an example v%i database to the latest keeping every record',
    async (version, fixture) => {
      const name = `migrate-${version}-${crypto.randomUUID()}`;
      const old = new DeskmateDB(name, version);
      await old.transaction('rw', old.tables, async () => {
        for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows);
      });
      old.close();

      const current = new DeskmateDB(name, LATEST_VERSION);
      await current.open();
      expect(current.verno).toBe(LATEST_VERSION);
      for (const [table, rows] of Object.entries(fixture.tables)) {
        expect(await current.table(table).count(), table).toBe(rows.length);
      }
      // v2 indexes cases by closing time (the weekly after-sales report): older cases are in it too.
      const cases = fixture.tables.cases as { closedAt: number }[];
      expect(await current.cases.where('closedAt').equals(0).count()).toBe(cases.filter((c) => c.closedAt === 0).length);
      const tpl = await current.templates.get('tpl_1');
      expect(tpl?.title).toBe('欢迎语');
      await current.delete();
    },
  );
});
