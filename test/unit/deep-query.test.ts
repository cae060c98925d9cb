import { afterEach, describe, expect, it } from 'vitest';
import { deepFoundBy, deepMatches, deepQueryAll, deepQueryFirst, splitDeep } from '@/lib/sites/deep-query';

// The `>>>` syntax of site configs (docs/site-config.md, "Shadow roots and frames").

afterEach(() => document.body.replaceChildren());

/** desk-app (open root) > chat-thread (open root) > ol.msgs > li.msg × n; a look-alike list outside. */
function nested(n: number) {
  const app = document.createElement('desk-app');
  const appRoot = app.attachShadow({ mode: 'open' });
  const thread = document.createElement('chat-thread');
  const threadRoot = thread.attachShadow({ mode: 'open' });
  const ol = document.createElement('ol');
  ol.className = 'msgs';
  for (let i = 0; i < n; i++) {
    const li = document.createElement('li');
    li.className = 'msg';
    li.textContent = `m${i}`;
    ol.append(li);
  }
  threadRoot.append(ol);
  const other = document.createElement('chat-thread'); // a second thread host without the list
  other.attachShadow({ mode: 'open' }).append(Object.assign(document.createElement('li'), { className: 'msg' }));
  appRoot.append(thread, other);
  const lookAlike = document.createElement('ol');
  lookAlike.className = 'msgs';
  lookAlike.append(Object.assign(document.createElement('li'), { className: 'msg', textContent: 'light DOM' }));
  document.body.append(app, lookAlike);
  return { ol, other, lookAlike };
}

describe('deep selectors', () => {
  it('split at >>> outside quotes and brackets', () => {
    expect(splitDeep('a >>> b[title=">>>"] >>> c')).toEqual(['a', 'b[title=">>>"]', 'c']);
    expect(splitDeep('.plain > .child')).toEqual(['.plain > .child']);
  });

  it('find items through nested open shadow roots, not look-alikes outside them', () => {
    const { ol } = nested(3);
    const sel = 'desk-app >>> chat-thread >>> .msgs > .msg';
    expect(deepQueryAll(document, sel)).toEqual([...ol.children]);
    expect(deepQueryFirst(document, sel)).toBe(ol.firstElementChild);
    expect(deepQueryAll(document, '.msgs > .msg').map((e) => e.textContent)).toEqual(['light DOM']);
    expect(deepMatches(document.querySelector('desk-app')!, 'desk-app >>> chat-thread')).toBe(true);
  });

  it('deepFoundBy answers exactly what deepQueryAll finds, for every element on the page', () => {
    const { ol, other, lookAlike } = nested(4);
    const everything: Element[] = [
      ...document.querySelectorAll('*'),
      ...ol.querySelectorAll('*'),
      ol,
      ...other.shadowRoot!.querySelectorAll('*'),
      ...lookAlike.querySelectorAll('*'),
    ];
    for (const sel of [
      'desk-app >>> chat-thread >>> .msgs > .msg',
      'desk-app >>> chat-thread >>> .msg',
      'desk-app >>> chat-thread',
      '.msgs > .msg',
      'chat-thread >>> .msg',
    ]) {
      const found = new Set(deepQueryAll(document, sel));
      for (const el of everything) expect(deepFoundBy(el, sel, document), `${sel} / ${el.localName}.${el.className}`).toBe(found.has(el));
    }
  });

  it('deepFoundBy from an element root: only what is under that root', () => {
    const { ol } = nested(2);
    const app = document.querySelector('desk-app')!;
    expect(deepFoundBy(ol.firstElementChild!, 'chat-thread >>> .msg', app.shadowRoot!)).toBe(true);
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    expect(deepFoundBy(ol.firstElementChild!, 'desk-app >>> chat-thread >>> .msg', wrapper)).toBe(false);
  });
});
