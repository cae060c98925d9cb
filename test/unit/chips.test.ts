import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChipLayer } from '@/components/overlay/chips';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import { CHIP_ATTR } from '@/lib/timers/tracker';

// The counting chips on a console's list and header, placed after every batch of the console's
// changes: right after a re-render or a recycled row, and without reading the whole list again
// when nothing they stand on changed.

const demo = builtinSiteConfigs().find((c) => c.id === 'deskmate-demo')!;
const T = 1_796_000_000_000;
afterEach(() => document.body.replaceChildren());

function consoleDom(ids: string[]) {
  const ul = document.createElement('ul');
  ul.id = 'conversation-list';
  for (const id of ids) {
    const li = document.createElement('li');
    li.dataset.convId = id;
    li.textContent = `买家 ${id}`;
    ul.append(li);
  }
  const chat = document.createElement('section');
  chat.id = 'chat';
  const header = document.createElement('div');
  header.className = 'chat-header';
  const name = document.createElement('span');
  name.className = 'buyer-name';
  name.textContent = '买家 c-1';
  header.append(name);
  chat.append(header);
  document.body.append(ul, chat);
  return { ul, name, item: (id: string) => ul.querySelector<HTMLElement>(`[data-conv-id="${id}"]`)! };
}

const chipsIn = (el: Element) => el.querySelectorAll(`:scope > [${CHIP_ATTR}]`).length;
const layer = () => new ChipLayer(demo, document, 180, (key) => key);

describe('counting chips', () => {
  it('stand on the waiting conversations’ list items and the open one’s header; a settle with nothing changed does not read the list', () => {
    const dom = consoleDom(['c-1', 'c-2', 'c-3']);
    const chips = layer();
    chips.setWaiting(
      new Map([
        ['c-1', T - 5000],
        ['c-3', T - 200_000],
      ]),
    );
    chips.place('c-1', T);
    expect([chipsIn(dom.item('c-1')), chipsIn(dom.item('c-2')), chipsIn(dom.item('c-3')), chipsIn(dom.name)]).toEqual([1, 0, 1, 1]);
    const host = dom.item('c-3').querySelector(`[${CHIP_ATTR}]`);
    const queries = vi.spyOn(document, 'querySelectorAll');
    for (let i = 0; i < 10; i++) chips.place('c-1', T + i * 250);
    expect(queries).not.toHaveBeenCalled();
    expect(dom.item('c-3').querySelector(`[${CHIP_ATTR}]`)).toBe(host); // the same chip, still counting
  });

  it('follows a recycled row: the item that now shows the waiting conversation gets the chip, the old one loses it', () => {
    const dom = consoleDom(['c-1', 'c-2', 'c-3']);
    const chips = layer();
    chips.setWaiting(new Map([['c-2', T - 5000]]));
    chips.place('c-1', T);
    expect(chipsIn(dom.item('c-2'))).toBe(1);
    // A virtualised list scrolls: the row that showed c-2 now shows c-9, another row shows c-2.
    const recycled = dom.item('c-2');
    recycled.dataset.convId = 'c-9';
    dom.item('c-3').dataset.convId = 'c-2';
    chips.place('c-1', T + 250);
    expect(chipsIn(recycled)).toBe(0);
    expect(chipsIn(dom.item('c-2'))).toBe(1);
  });

  it('comes back after the console re-renders an item, and appears when a waiting conversation’s item scrolls into view', () => {
    const dom = consoleDom(['c-1', 'c-2']);
    const chips = layer();
    chips.setWaiting(
      new Map([
        ['c-2', T - 5000],
        ['c-7', T - 1000],
      ]),
    );
    chips.place('c-1', T);
    dom.item('c-2').replaceChildren('买家 c-2'); // the console re-renders the row's content
    chips.place('c-1', T + 250);
    expect(chipsIn(dom.item('c-2'))).toBe(1);
    const li = document.createElement('li');
    li.dataset.convId = 'c-7';
    dom.ul.append(li); // not on screen at the last placement
    chips.place('c-1', T + 500);
    expect(chipsIn(li)).toBe(1);
  });
});
