// @vitest-environment node
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- eslint.config.js is plain JavaScript, without declarations.
import { LIB_LAYERS as layers } from '../../eslint.config.js';

// docs/engineering.md, "Layers": inside lib/, a module imports only modules on lower rows of
// LIB_LAYERS (eslint.config.js), so `npm run lint` fails on an arrow that runs back up.

const LIB_LAYERS = layers as string[][];
const root = join(__dirname, '../..');
const eslint = new ESLint({ cwd: root });
const restricted = async (file: string, code: string) =>
  (await eslint.lintText(code, { filePath: join(root, file) }))[0]!.messages.filter(
    (m) => m.ruleId === '@typescript-eslint/no-restricted-imports',
  );

describe('lib/ layers', () => {
  it('gives every module of lib/ a row', () => {
    const modules = readdirSync(join(root, 'lib'), { withFileTypes: true }).map((e) =>
      e.isDirectory() ? e.name : e.name.replace(/\.tsx?$/, ''),
    );
    expect(modules.filter((m) => !LIB_LAYERS.flat().includes(m))).toEqual([]);
  });

  it('refuses an import of a module on a higher row, as a value or a type, by alias or relative path', async () => {
    expect(await restricted('lib/db/probe.ts', "import { search } from '@/lib/templates/search';\nexport { search };\n")).toHaveLength(1);
    expect(await restricted('lib/settings/probe.ts', "import type { Db } from '../db/database';\nexport type { Db };\n")).toHaveLength(1);
    expect(
      await restricted('lib/sites/probe.ts', "import { caseCauses } from '@/lib/cases/details';\nexport { caseCauses };\n"),
    ).toHaveLength(1);
    // The same row: two modules there must not come to import each other.
    expect(await restricted('lib/metrics/probe.ts', "import { send } from '@/lib/timers/outbox';\nexport { send };\n")).toHaveLength(1);
  });

  it('allows an import of a lower row; none runs up, not even a type (sites and cases sit below the database)', async () => {
    expect(await restricted('lib/templates/probe.ts', "import type { Db } from '@/lib/db/database';\nexport type { Db };\n")).toEqual([]);
    expect(
      await restricted('lib/db/probe.ts', "import type { SiteConfig } from '@/lib/sites/schema';\nexport type { SiteConfig };\n"),
    ).toEqual([]);
    expect(
      await restricted('lib/sites/probe.ts', "import type { DeskmateDB } from '@/lib/db/database';\nexport type { DeskmateDB };\n"),
    ).toHaveLength(1);
    expect(
      await restricted('lib/cases/probe.ts', "import type { CaseRecord } from '../db/records';\nexport type { CaseRecord };\n"),
    ).toHaveLength(1);
  });
});
