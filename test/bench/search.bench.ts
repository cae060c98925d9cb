// Bundled by scripts/bench.mjs and run in Node: the picker's search over 10,000 templates.
import { searchKeys } from '@/lib/templates/search-keys';
import { buildIndex, search, type PickerTemplate } from '@/lib/templates/search';

const WORDS = ['物流', '发货', '退款', '尺码', '颜色', '质量', '优惠', '活动', '欢迎', '售后', '快递', '补偿', '地址', '发票', '回访'];
const QUERIES = ['hyy', 'wl', '物流', 'tuikuan', 'qd', 'fhsj', '尺码推荐', '#售后', '@售后 wl', '包裹', 'zzz不存在'];

function makeLibrary(n: number): PickerTemplate[] {
  return Array.from({ length: n }, (_, i) => {
    const a = WORDS[i % WORDS.length]!;
    const b = WORDS[(i * 7) % WORDS.length]!;
    const title = `${a}${b}话术${i}`;
    return {
      id: `t${i}`,
      title,
      body: `亲，关于${a}的问题，我们会在${b}方面为您处理，第${i}条，请您稍等，谢谢您的耐心。`,
      shortcode: `s${i.toString(36)}`,
      folder: `售后/${a}`,
      tags: [a, b],
      sites: [],
      language: 'zh-CN',
      useCount: i % 13,
      lastUsedAt: i,
      ...searchKeys(title),
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function run(): Record<string, number> {
  const library = makeLibrary(10000);
  const builds: number[] = [];
  let index = buildIndex(library);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    index = buildIndex(library);
    builds.push(performance.now() - t0);
  }
  const times: number[] = [];
  for (let round = 0; round < 30; round++)
    for (const q of QUERIES) {
      // Typing: every prefix of the query is a search.
      for (let len = 1; len <= q.length; len++) {
        const t0 = performance.now();
        search(index, q.slice(0, len), { limit: 50 });
        times.push(performance.now() - t0);
      }
    }
  times.sort((a, b) => a - b);
  builds.sort((a, b) => a - b);
  return { searchMedianMs: percentile(times, 50), searchP95Ms: percentile(times, 95), indexBuildMs: percentile(builds, 50) };
}
