#!/usr/bin/env node
// `web-ext lint` on the Firefox build: fails on any error, and on any warning of our own making.
// The only tolerated warnings are react-dom's internal innerHTML assignments (its
// dangerouslySetInnerHTML support, which Deskmate never uses: ESLint bans innerHTML and
// dangerouslySetInnerHTML in our source, see eslint.config.js).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
if (!process.argv.includes('--no-build')) {
  const b = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--output', 'json'], { cwd: root, encoding: 'utf8' });
let report;
try {
  report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
} catch {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
const tolerated = (m) => m.code === 'UNSAFE_VAR_ASSIGNMENT' && /innerHTML/.test(m.message);
const problems = [...report.errors, ...report.warnings.filter((m) => !tolerated(m)), ...report.notices];
const ignored = report.warnings.filter(tolerated).length;
for (const m of problems) console.error(`✖ ${m._type ?? ''} ${m.code} ${m.file ?? ''}: ${m.message}`);
console.log(
  `web-ext lint: ${report.summary.errors} errors, ${problems.length} warnings/notices of ours, ${ignored} react-dom innerHTML warnings tolerated`,
);
process.exit(problems.length ? 1 : 0);
