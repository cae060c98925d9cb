import type { ObservedMessage } from './record';

// Consoles that give messages no id (docs/site-config.md, "Messages without an id"): a message is
// what it shows (its keyed signature) plus its place among identical ones on screen. Per
// signature, the most identical messages ever on screen at once are known; any beyond that are new.

export interface RenderedMessage {
  el: Element;
  /** The keyed signature of what it shows (sender, console time text, text). */
  sig: string;
  sender: ObservedMessage['sender'];
  at: number | null;
}

export interface IdlessCounts {
  /** A (re)scan: everything rendered is history, numbered in document order; the counts start from it. */
  history(items: readonly RenderedMessage[]): ObservedMessage[];
  /** After a change: the messages beyond the most identical ones ever on screen, as live. */
  fresh(items: readonly RenderedMessage[], liveAt: (el: Element) => number | null): ObservedMessage[];
  /** A message added and removed again before it was read: new (never on screen at a read). */
  late(sig: string, sender: ObservedMessage['sender'], at: number | null): ObservedMessage;
}

function countsOf(items: readonly { sig: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.sig, (counts.get(i.sig) ?? 0) + 1);
  return counts;
}

export function createIdlessCounts(): IdlessCounts {
  let maxSeen = new Map<string, number>();
  return {
    history(items) {
      maxSeen = countsOf(items);
      const n = new Map<string, number>();
      return items.map((i) => {
        const k = (n.get(i.sig) ?? 0) + 1;
        n.set(i.sig, k);
        return { id: `${i.sig}.${k}`, sender: i.sender, at: i.at, live: false };
      });
    },
    fresh(items, liveAt) {
      const counts = countsOf(items);
      const fresh: ObservedMessage[] = [];
      const k = new Map<string, number>();
      for (const i of items) {
        const nth = (k.get(i.sig) ?? 0) + 1;
        k.set(i.sig, nth);
        const before = maxSeen.get(i.sig) ?? 0;
        // The last (total − before) of this signature are the new ones.
        if (counts.get(i.sig)! > before && nth > before)
          fresh.push({ id: `${i.sig}.${nth}`, sender: i.sender, at: liveAt(i.el), live: true });
      }
      for (const [sig, total] of counts) if (total > (maxSeen.get(sig) ?? 0)) maxSeen.set(sig, total);
      return fresh;
    },
    late(sig, sender, at) {
      const nth = (maxSeen.get(sig) ?? 0) + 1;
      maxSeen.set(sig, nth);
      return { id: `${sig}.${nth}`, sender, at, live: true };
    },
  };
}

/** FNV-1a over a string, twice with different seeds: an identity for messages the site gives no id. */
export function hashOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `h${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}`;
}
