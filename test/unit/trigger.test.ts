import { describe, expect, it } from 'vitest';
import { readTrigger } from '@/lib/insert/trigger';
import { textNodeAt } from '@/lib/insert/text-offsets';

function field(value: string, caret = value.length): HTMLTextAreaElement {
  const ta = document.createElement('textarea');
  document.body.appendChild(ta);
  ta.value = value;
  ta.setSelectionRange(caret, caret);
  return ta;
}

describe('trigger', () => {
  it('opens on "/" or "、" at the start of a field or after whitespace', () => {
    expect(readTrigger(field('/hyy'))).toMatchObject({ kind: 'text', query: 'hyy', start: 0, end: 4, trigger: '/' });
    expect(readTrigger(field('亲 /wl'))).toMatchObject({ query: 'wl', start: 2 });
    expect(readTrigger(field('好的\n、qd'))).toMatchObject({ query: 'qd', trigger: '、' });
  });

  it('does not open inside a word, a date or a URL, nor across lines', () => {
    expect(readTrigger(field('和/或'))).toBeNull();
    expect(readTrigger(field('2026/11/24'))).toBeNull();
    expect(readTrigger(field('https://a.b/c'))).toBeNull();
    expect(readTrigger(field('/hyy\n第二行'))).toBeNull();
  });

  it('reads the query up to the caret only, and gives up on very long queries', () => {
    expect(readTrigger(field('/hyy 后面', 4))).toMatchObject({ query: 'hyy' });
    expect(readTrigger(field('/' + 'x'.repeat(60)))).toBeNull();
  });
});

describe('text offsets', () => {
  it('maps textContent offsets back to one text node', () => {
    const div = document.createElement('div');
    div.append('您好，', Object.assign(document.createElement('b'), { textContent: '加我微信' }), '吧');
    const at = textNodeAt(div, 5, 7);
    expect(at?.node.data).toBe('加我微信');
    expect(at && at.node.data.slice(at.start, at.end)).toBe('微信');
    expect(textNodeAt(div, 2, 5)).toBeNull(); // spans two nodes
  });
});
