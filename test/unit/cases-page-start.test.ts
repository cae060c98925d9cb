import { describe, expect, it } from 'vitest';
import demo from '@/lib/sites/configs/deskmate-demo.json';
import { parseTypedStart, pageStartApplies, readPageStart } from '@/lib/cases/page-start';
import { parseSiteConfig } from '@/lib/sites/schema';

// The demo refund page's markup for an order under platform intervention (demo/refund.js).
const config = (() => {
  const r = parseSiteConfig(demo);
  if (!r.ok) throw new Error(r.errors.join());
  return r.value;
})();
const H = 3600_000;
const NOW = Date.parse('2026-12-05T10:00:00Z');

const page = (html: string): Document => new DOMParser().parseFromString(`<main>${html}</main>`, 'text/html');

describe('the dispute start a page shows', () => {
  it('reads the intervention time of the demo refund page (an ISO datetime attribute)', () => {
    const iso = new Date(NOW - 30 * H).toISOString();
    const doc = page(`<span class="intervention">平台介入时间：<time id="intervened-at" datetime="${iso}">2026-12-04 04:00</time></span>`);
    expect(readPageStart(config, doc, 'http://127.0.0.1/refund.html?order=3861129904457', NOW)).toEqual({
      kind: 'time',
      at: NOW - 30 * H,
      raw: iso,
    });
  });

  it('says so when the page has none, and when it shows something that is not a time', () => {
    expect(readPageStart(config, page('<span class="badge">平台未介入</span>'), 'http://127.0.0.1/refund.html', NOW)).toEqual({
      kind: 'none',
    });
    const doc = page('<time id="intervened-at" datetime="待定">待定</time>');
    expect(readPageStart(config, doc, 'http://127.0.0.1/refund.html', NOW)).toEqual({ kind: 'unparsable', raw: '待定' });
  });

  it('applies to rules that start when the platform steps in, not to refund or return requests', () => {
    expect(pageStartApplies('platformIntervened')).toBe(true);
    expect(pageStartApplies('returnRequested')).toBe(false);
    expect(pageStartApplies(undefined)).toBe(false);
  });
});

describe('a start typed by the agent', () => {
  it('takes the console forms in local time', () => {
    const yesterday = new Date(NOW);
    yesterday.setDate(yesterday.getDate() - 1);
    yesterday.setHours(14, 30, 0, 0);
    expect(parseTypedStart('昨天 14:30', NOW)).toEqual({ kind: 'time', at: yesterday.getTime() });
    const local = new Date(2026, 11, 4, 9, 5).getTime();
    expect(parseTypedStart('2026-12-04 09:05', NOW)).toEqual({ kind: 'time', at: local });
    expect(parseTypedStart('2026-12-04T09:05', NOW)).toEqual({ kind: 'time', at: local });
    expect(parseTypedStart('2026年12月04日 09:05:00', NOW)).toEqual({ kind: 'time', at: local });
  });

  it('refuses text that is not a time and a start in the future; empty stays unknown', () => {
    expect(parseTypedStart('昨天下午', NOW)).toEqual({ kind: 'invalid', reason: 'unparsable' });
    expect(parseTypedStart('2026-13-40 25:00', NOW)).toEqual({ kind: 'invalid', reason: 'unparsable' });
    expect(parseTypedStart(new Date(NOW + 2 * H).toISOString(), NOW)).toEqual({ kind: 'invalid', reason: 'future' });
    expect(parseTypedStart('   ', NOW)).toEqual({ kind: 'empty' });
  });
});
