import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/engineering.md, "Citations": a comment that names a file names one in this repository, so
// a reader can follow it (no `domain.md`, no `../shared`, no file that was renamed or never made).

const root = join(__dirname, '../..');
const SKIP = new Set(['node_modules', '.output', '.wxt', '.git', 'test-results', 'web-ext-artifacts', 'vendor', 'fixtures']);
const SOURCE = /\.(ts|tsx|mjs|js|css)$/;

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

/** Paths a comment cites: repository paths (lib/…, docs/…, ./x, ../x) and any Markdown file. */
export function citations(comment: string): string[] {
  const found: string[] = [];
  const token = /(?<![\w@/.:-])((?:\.{1,2}\/)*[\w.-]+(?:\/[\w.-]+)*)/g;
  for (const m of comment.matchAll(token)) {
    const path = m[1]!.replace(/[.:]+$/, '');
    const repoPath =
      /^(\.{1,2}\/|(lib|components|entrypoints|docs|test|scripts|demo|public)\/[\w.-])/.test(path) && /\/[\w-]+\.\w+$|\/$/.test(path);
    if (repoPath || /\.md$/.test(path)) found.push(path);
  }
  return found;
}

function resolves(file: string, path: string): boolean {
  return [join(root, path), join(dirname(file), path), join(root, 'docs', path)].some((p) => existsSync(p));
}

describe('comments cite files of this repository', () => {
  it('finds the citations it checks', () => {
    expect(citations('// (docs/engineering.md rule 6; lib/sites/schema.ts, ./upgrades.ts)')).toEqual([
      'docs/engineering.md',
      'lib/sites/schema.ts',
      './upgrades.ts',
    ]);
    expect(citations('// see domain.md §3 and ../shared/seeds/000.txt')).toEqual(['domain.md', '../shared/seeds/000.txt']);
    expect(citations('// Draft.js keeps its model; case.json is in the zip')).toEqual([]);
  });

  it('every cited path exists', () => {
    const broken: string[] = [];
    for (const file of sources(root)) {
      if (file === __filename) continue; // its examples are strings
      const text = readFileSync(file, 'utf8');
      for (const comment of text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? []) {
        for (const path of citations(comment)) if (!resolves(file, path)) broken.push(`${relative(root, file)}: ${path}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
