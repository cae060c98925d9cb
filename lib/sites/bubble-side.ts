// The side of the thread a message bubble sits on (docs/site-config.md, `messageSender.side`):
// many consoles show the customer on the left and the agent on the right and say it nowhere else.
// Measured from layout, so once per message: the result is kept per element with what the
// element showed (a recycled row of a virtualised list showing another message is measured again).

export type Side = 'left' | 'right';

const measured = new WeakMap<Element, { sig: string; side: Side | null }>();

function signature(el: Element): string {
  return `${el.className}\u0000${el.textContent?.length ?? 0}\u0000${(el.textContent ?? '').slice(0, 40)}`;
}

/**
 * Left or right: where the item's content is in the thread around it (its parent's box), by the
 * larger free space on the other side. Null when not laid out or centred (a system line).
 */
export function measureSide(item: Element): Side | null {
  const container = item.parentElement;
  const doc = item.ownerDocument;
  if (!container || !doc.createRange) return null;
  const range = doc.createRange();
  range.selectNodeContents(item);
  const r = range.getBoundingClientRect();
  const c = container.getBoundingClientRect();
  if (!r.width || !c.width) return null;
  const left = r.left - c.left;
  const right = c.right - r.right;
  // Centred within a tenth of the thread: neither side.
  if (Math.abs(left - right) < c.width / 10) return null;
  return left < right ? 'left' : 'right';
}

/** The item's side, measured the first time this element shows this message (layout read once per message). */
export function sideOf(item: Element): Side | null {
  const sig = signature(item);
  const known = measured.get(item);
  if (known && known.sig === sig) return known.side;
  const side = measureSide(item);
  measured.set(item, { sig, side });
  return side;
}
