// Bundled and run in Node like search.bench.ts: building a 20 MB evidence package (10 × 2 MB
// images with PNG headers and random bodies, which do not compress: the worst case for the CRC and
// copy, none for deflate since images are stored). run() is async: `await (await import(out)).run()`.
import { buildEvidencePackage } from '@/lib/cases/package';
import type { CaseType } from '@/lib/cases/schema';
import type { AttachmentRecord, CaseRecord } from '@/lib/db/records';

const MB = 1024 * 1024;
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function randomImage(bytes: number, seed: number): Uint8Array {
  const b = new Uint8Array(bytes);
  const words = new Uint32Array(b.buffer, 0, bytes >>> 2);
  let x = seed | 1;
  for (let i = 0; i < words.length; i++) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  b.set(PNG);
  return b;
}

export async function run(): Promise<Record<string, number>> {
  const caseType: CaseType = {
    id: 'quality',
    title: '质量问题',
    kind: 'dispute',
    description: '基准测试',
    deadlineRule: 'evidence-after-intervention',
    items: Array.from({ length: 5 }, (_, i) => ({ id: `item-${i}`, title: `凭证项目${i + 1}`, guidance: '说明', required: i < 2 })),
  };
  const now = Date.UTC(2025, 2, 1, 2);
  const caseRecord: CaseRecord = {
    id: 'bench',
    orderNo: '1234567890',
    disputeType: 'quality',
    platform: 'taobao',
    siteId: 'taobao',
    status: 'open',
    startedAt: now,
    deadlineAt: now + 48 * 3_600_000,
    items: caseType.items.map((i) => ({ itemId: i.id, done: 1, note: '备注', doneAt: now })),
    createdAt: now,
    updatedAt: now,
    closedAt: 0,
  };
  const attachments: AttachmentRecord[] = Array.from({ length: 10 }, (_, i) => {
    const bytes = randomImage(2 * MB, i + 1);
    return {
      id: `a${i}`,
      caseId: 'bench',
      itemId: `item-${i % 5}`,
      name: `截图${i}.png`,
      type: 'image/png',
      size: bytes.length,
      sourceUrl: '',
      createdAt: now + i,
      blob: new Blob([bytes as BlobPart], { type: 'image/png' }),
    };
  });
  const input = { caseRecord, caseType, platformName: '淘宝/天猫', attachments, locale: 'zh-CN' as const, now };
  await buildEvidencePackage(input); // warm-up
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    size = (await buildEvidencePackage(input)).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { exportMs: times[Math.floor(times.length / 2)]!, packageMB: size / MB };
}
