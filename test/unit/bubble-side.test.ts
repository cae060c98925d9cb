import { afterEach, describe, expect, it, vi } from 'vitest';
import { senderBy } from '@/lib/sites/extract';
import { deriveMessageRule } from '@/lib/sites/teach';
import { buildConfig } from '@/lib/sites/teach';
import { parseSiteConfig } from '@/lib/sites/schema';

// `messageSender.side`: the bubble's side of the thread tells the senders apart where nothing in
// the markup does. happy-dom lays nothing out: boxes are given per element here.

const THREAD = { left: 0, right: 600, width: 600, top: 0, bottom: 400, height: 400, x: 0, y: 0 };
const LEFT = { left: 10, right: 200, width: 190, top: 0, bottom: 20, height: 20, x: 10, y: 0 };
const RIGHT = { left: 400, right: 590, width: 190, top: 0, bottom: 20, height: 20, x: 400, y: 0 };
const CENTRE = { left: 250, right: 350, width: 100, top: 0, bottom: 20, height: 20, x: 250, y: 0 };

/** Where each row is laid out (nothing in the markup says it). */
const sides = new Map<Element, 'l' | 'r' | 'c'>();

function page(rows: [string, 'l' | 'r' | 'c'][]): Document {
  const thread = document.createElement('div');
  thread.id = 'thread';
  for (const [text] of rows) {
    const row = document.createElement('div');
    row.className = '_r7p1';
    const span = document.createElement('span');
    span.className = '_t3v6';
    span.textContent = text;
    row.append(span);
    thread.append(row);
  }
  document.body.replaceChildren(thread);
  Array.from(document.querySelectorAll('#thread > div')).forEach((el, i) => sides.set(el, rows[i]![1]));
  return document;
}

let measures = 0;
function layout() {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return (this.id === 'thread' ? THREAD : LEFT) as DOMRect;
  });
  vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(function (this: Range) {
    measures++;
    const item = this.startContainer as Element;
    const s = sides.get(item);
    return (s === 'l' ? LEFT : s === 'r' ? RIGHT : CENTRE) as DOMRect;
  });
}
afterEach(() => {
  measures = 0;
});

describe('bubble side', () => {
  it('teaching derives a side rule when no class or attribute differs, and the extractor reads it once per message', () => {
    layout();
    const doc = page([
      ['在吗', 'l'],
      ['在的亲', 'r'],
      ['系统：会话已转接', 'c'],
      ['发货了吗', 'l'],
    ]);
    const spans = doc.querySelectorAll('span');
    const d = deriveMessageRule(spans[0]!, spans[1]!, doc)!;
    expect(d.problems).toEqual(['sideSender']);
    expect(d.messageSender).toEqual({ side: { left: 'customer', right: 'agent' } });
    const config = buildConfig({
      host: 'x.example.com',
      parts: { message: d.message, messageSender: d.messageSender, composer: ['textarea'] },
    });
    expect(parseSiteConfig(config).ok).toBe(true);
    const items = Array.from(doc.querySelectorAll('#thread > div'));
    measures = 0;
    expect(items.map((i) => senderBy(config.selectors.messageSender, i))).toEqual(['customer', 'agent', null, 'customer']);
    expect(measures).toBe(4);
    // Read again (the next batch): no layout read.
    items.forEach((i) => senderBy(config.selectors.messageSender, i));
    expect(measures).toBe(4);
    // A recycled row now showing another message, on the other side: measured again.
    sides.set(items[0]!, 'r');
    items[0]!.firstElementChild!.textContent = '好的，马上发';
    expect(senderBy(config.selectors.messageSender, items[0]!)).toBe('agent');
    expect(measures).toBe(5);
  });

  it('a rule naming a sender wins over the side', () => {
    layout();
    const doc = page([['自动回复：您好', 'r']]);
    const item = doc.querySelector('#thread > div')!;
    expect(senderBy({ bot: ['._r7p1'], side: { left: 'customer', right: 'agent' } }, item)).toBe('bot');
  });
});
