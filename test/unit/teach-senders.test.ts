import { describe, expect, it } from 'vitest';
import { parseSiteConfig, type SenderRule } from '@/lib/sites/schema';
import { buildConfig, deriveMessageRule, detect, fieldsToSelectors, selectorsToFields } from '@/lib/sites/teach';

// Teach (issue 13): when no attribute or class tells customer and agent messages apart, an avatar
// picture or a name shown with the messages does. The consoles below use the same generated
// classes for both senders, as CSS-module builds do.

// happy-dom ignores the combinators inside :has() (`:has(> div > img)` matches any img inside);
// browsers do not. Sender rules here use `:has(> path)` and `:not(:has(> path))`: read them the
// standard way, through `:scope > path`, so these tests see what a browser sees.
const nativeMatches = Element.prototype.matches;
Element.prototype.matches = function (this: Element, selector: string): boolean {
  const m = /^(:not\()?:has\(> ([^()]+)\)(\))?(.*)$/.exec(selector);
  if (!m || !!m[1] !== !!m[3]) return nativeMatches.call(this, selector);
  const found = this.querySelector(`:scope > ${m[2]}`) !== null;
  return (m[1] ? !found : found) && (!m[4] || nativeMatches.call(this, m[4]));
};

function page(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
}

function q(doc: Document, sel: string, i = 0): Element {
  const el = doc.querySelectorAll(sel)[i];
  if (!el) throw new Error(`no ${sel}[${i}] in the test page`);
  return el;
}

/** What the config derived from the two picks reads for every message on the page. */
function read(doc: Document, rule: NonNullable<ReturnType<typeof deriveMessageRule>>) {
  const config = buildConfig({
    host: 'x.example.com',
    parts: { message: rule.message, messageSender: rule.messageSender, composer: ['textarea'] },
  });
  expect(parseSiteConfig(config).ok, 'the derived config validates').toBe(true);
  return detect(config, doc, 'https://x.example.com/').messages.map((m) => [m.sender, m.text]);
}

describe('teach: an avatar tells the senders apart', () => {
  // The buyer's avatar beside customer messages; the agent's own messages show none.
  const row = (who: 'customer' | 'agent', text: string) =>
    who === 'customer'
      ? `<div class="_r1x9"><div class="_a7k2"><img src="data:," alt=""></div><div class="_b3m4"><span class="_t5q8">${text}</span></div></div>`
      : `<div class="_r1x9"><div class="_b3m4"><span class="_t5q8">${text}</span></div></div>`;
  const doc = page(
    `<div class="_l0p2">${row('customer', '在吗')}${row('agent', '在的，请问有什么可以帮您？')}${row('customer', '这款有货吗')}${row('agent', '有的')}</div>`,
  );

  it('reads customer messages by where their avatar is, not by a class, and no warning about generated classes', () => {
    const rule = deriveMessageRule(q(doc, '._t5q8', 0), q(doc, '._t5q8', 1), doc)!;
    expect(rule.messageSender).toEqual({ customer: [':has(> div > img)'], agent: [':not(:has(> div > img))'] });
    expect(rule.problems).toEqual([]);
    expect(JSON.stringify(rule.messageSender)).not.toMatch(/_[a-z]\d/);
    expect(read(doc, rule)).toEqual([
      ['customer', '在吗'],
      ['agent', '在的，请问有什么可以帮您？'],
      ['customer', '这款有货吗'],
      ['agent', '有的'],
    ]);
  });

  it("the shop bot's row (no avatar either) is the bot, by its class, not the agent", () => {
    const withBot = page(
      `<div class="_l0p2">${row('customer', '在吗')}<div class="_r1x9 auto-reply"><div class="_b3m4"><span class="_t5q8">您好，欢迎光临</span></div></div>${row('agent', '在的')}</div>`,
    );
    const rule = deriveMessageRule(q(withBot, '._t5q8', 0), q(withBot, '._t5q8', 2), withBot)!;
    expect(rule.messageSender).toEqual({
      customer: [':has(> div > img):not(.auto-reply)'],
      agent: [':not(:has(> div > img)):not(.auto-reply)'],
      bot: ['.auto-reply'],
    });
    expect(read(withBot, rule).map(([s]) => s)).toEqual(['customer', 'bot', 'agent']);
  });

  it('works the other way round (only the agent shows an avatar), and an image sent as a message is no avatar', () => {
    const other = page(`<div class="_l0p2">
      <div class="_r1x9"><div class="_b3m4"><span class="_t5q8">看看这个</span><div class="_p0c7"><img src="data:," alt="商品图"></div></div></div>
      <div class="_r1x9"><div class="_b3m4"><span class="_t5q8">好的</span></div><div class="_a7k2"><img src="data:," alt=""></div></div>
      <div class="_r1x9"><div class="_b3m4"><span class="_t5q8">谢谢</span></div></div>
    </div>`);
    // The customer clicked their picture message (the picture is part of the text picked).
    const rule = deriveMessageRule(q(other, '._b3m4', 0), q(other, '._t5q8', 1), other)!;
    expect(rule.messageSender?.agent).toEqual([':has(> div > img)']);
    expect(read(other, rule).map(([s]) => s)).toEqual(['customer', 'agent', 'customer']);
  });
});

describe('teach: a name tells the senders apart', () => {
  const row = (name: string, text: string, time: string) =>
    `<div class="_r1x9"><div class="_h2n6"><span class="_n8v1">${name}</span><span class="_w4d0">${time}</span></div><div class="_b3m4">${text}</div></div>`;

  it("the agent's own name reads the agent, another name the customer, the shop bot's name the bot", () => {
    const doc = page(
      `<div class="_l0p2">${row('林晓雨', '在吗', '14:05')}${row('小林', '在的', '14:06')}${row('店铺机器人', '您好，欢迎光临', '14:06')}${row('林晓雨', '好的', '14:07')}</div>`,
    );
    const rule = deriveMessageRule(q(doc, '._b3m4', 0), q(doc, '._b3m4', 1), doc)!;
    expect(rule.messageSender?.byText?.[0]).toEqual({ selector: [':scope > div > span'], regex: '^小林$', sender: 'agent' });
    expect(rule.problems).toEqual([]);
    expect(read(doc, rule).map(([s]) => s)).toEqual(['customer', 'agent', 'bot', 'customer']);
  });

  it("only customer messages show the buyer's nickname: that is the rule (a time or a read mark is never a name)", () => {
    const doc = page(`<div class="_l0p2">
      <div class="_r1x9"><div class="_h2n6"><span class="_n8v1">tb_8812</span></div><div class="_b3m4">在吗</div></div>
      <div class="_r1x9"><div class="_b3m4">在的</div><span class="_w4d0">已读</span></div>
      <div class="_r1x9"><div class="_h2n6"><span class="_n8v1">tb_8812</span></div><div class="_b3m4">发货了吗</div></div>
    </div>`);
    const rule = deriveMessageRule(q(doc, '._b3m4', 0), q(doc, '._b3m4', 1), doc)!;
    expect(rule.messageSender).toEqual({ customer: [':has(> div > span)'], agent: [':not(:has(> div > span))'] });
    expect(read(doc, rule).map(([s]) => s)).toEqual(['customer', 'agent', 'customer']);
  });
});

describe('teach: rules from the side of the thread or a name survive the correction form', () => {
  it('side and byText rules go through the form fields and back (the saved config keeps them)', () => {
    const side: SenderRule = { side: { left: 'customer', right: 'agent' }, bot: ['.auto-reply'] };
    expect(fieldsToSelectors(selectorsToFields({ messageSender: side })).messageSender).toEqual(side);
    const byName = {
      byText: [{ selector: [':scope > div > span'], regex: '^小林$', sender: 'agent' as const }],
      customer: [':has(> div > span)'],
    };
    expect(fieldsToSelectors(selectorsToFields({ messageSender: byName })).messageSender).toEqual(byName);
    // A rule edited away in the form is gone.
    const f = selectorsToFields({ messageSender: side });
    expect(fieldsToSelectors({ ...f, sideLeft: '', sideRight: '' }).messageSender).toEqual({ bot: ['.auto-reply'] });
  });
});
