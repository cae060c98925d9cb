// Bundled by scripts/bench.mjs and run in Node (fake-indexeddb): importing a 10,000-row CSV of
// templates end to end — decode, parse and validate the whole file, plan duplicates, write.
import 'fake-indexeddb/auto';
import { DeskmateDB } from '@/lib/db/database';
import { applyImport, planImport } from '@/lib/templates/import';
import { parseImport } from '@/lib/templates/io';

const WORDS = ['物流', '发货', '退款', '尺码', '颜色', '质量', '优惠', '活动', '欢迎', '售后'];

function csv(n: number): Uint8Array {
  const lines = ['folder,shortcode,title,body'];
  for (let i = 0; i < n; i++) {
    const a = WORDS[i % WORDS.length]!;
    lines.push(`售后/${a},s${i.toString(36)},${a}话术${i},"亲，关于${a}的问题，第${i}条，我们会尽快为您处理，请您稍等，谢谢您的耐心。"`);
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

export async function run(): Promise<Record<string, number>> {
  const bytes = csv(10_000);
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const db = new DeskmateDB(`import-bench-${round}-${Date.now()}`);
    await db.open();
    const t0 = performance.now();
    const parsed = parseImport(bytes, 'templates.csv');
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    await planImport(db, parsed.value.templates);
    await applyImport(db, parsed.value.templates, 'skip');
    times.push(performance.now() - t0);
    if ((await db.templates.count()) !== 10_000) throw new Error('import incomplete');
    await db.delete();
  }
  times.sort((a, b) => a - b);
  return { importMs: times[1]! };
}
