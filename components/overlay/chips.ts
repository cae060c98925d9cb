import { waitLevel } from '@/lib/sites/counting';
import { extractValue, queryAll, queryFirst } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import { CHIP_ATTR } from '@/lib/timers/tracker';
import type { Translate } from '@/lib/i18n';

// Counting chips beside each waiting conversation in the console's list and in the active
// conversation's header. Each chip is a tiny host element with its own shadow root (the page's
// CSS cannot restyle it, its text is set with textContent). Placing them reads attributes only;
// the once-a-second tick writes text, never reads layout.

const CHIP_CSS = `
:host { all: initial; display: inline-block; margin-inline-start: 6px; vertical-align: middle; }
span { font: 600 11px/16px system-ui, sans-serif; padding: 0 6px; border-radius: 8px; color: #fff; background: #137333; font-variant-numeric: tabular-nums; white-space: nowrap; }
span.warn { background: #b06000; }
span.late { background: #b3261e; }
`;

export function formatElapsed(ms: number): string {
  const sec = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

interface Chip {
  host: HTMLElement;
  label: HTMLSpanElement;
  conversationId: string;
  /** On a conversation's list item, or in the open conversation's header. */
  kind: 'list' | 'header';
  text: string;
  level: string;
}

export class ChipLayer {
  private chips = new Map<HTMLElement, Chip>();
  /** Detached chips kept for reuse: waits start and end all day, shadow roots are not free. */
  private pool: Chip[] = [];
  private waiting = new Map<string, number>();
  private late = new Set<string>();
  /** What the last full placement was for (open conversation and waiting ones), and whether every chip it wanted found its place. */
  private placedFor = '';
  private placedAll = false;

  constructor(
    private readonly config: SiteConfig,
    private readonly doc: Document,
    private readonly targetSec: number,
    private readonly t: Translate,
  ) {
    // Chips a previous Deskmate left behind (Firefox unloads an updated add-on's content scripts
    // but not the elements they added): this layer is the only one in the frame from now on.
    for (const stale of doc.querySelectorAll(`[${CHIP_ATTR}]`)) stale.remove();
  }

  setWaiting(waiting: Map<string, number>): void {
    this.waiting = waiting;
    for (const id of this.late) if (!waiting.has(id)) this.late.delete(id);
  }

  get size(): number {
    return this.waiting.size;
  }

  /**
   * Anchors chips to the list items and header of waiting conversations; removes the rest. Called
   * after every batch of the console's changes: when the open and waiting conversations are the
   * ones of the last placement, every chip it wanted was placed and each is still where it was put
   * (connected; a list chip's item still shows its conversation — virtualised lists recycle rows),
   * the list is not read again (a streaming console settles four times a second).
   */
  place(activeConversation: string | null, now = Date.now()): void {
    const s = this.config.selectors;
    const itemId = s.conversationItemId ?? { selector: [':scope'] };
    const placedFor = `${activeConversation ?? ''}\u0000${[...this.waiting.keys()].join('\u0001')}`;
    if (placedFor === this.placedFor && this.placedAll && this.stillPlaced(itemId)) return void this.tick(now);
    const keep = new Set<HTMLElement>();
    const listed = new Set<string>();
    const ensure = (anchor: Element, conversationId: string, kind: Chip['kind']) => {
      let host = anchor.querySelector(`:scope > [${CHIP_ATTR}]`) as HTMLElement | null;
      if (!host || !this.chips.has(host)) {
        const chip = this.pool.pop() ?? this.create();
        host = chip.host;
        host.setAttribute(CHIP_ATTR, conversationId);
        this.chips.set(host, chip);
        anchor.append(host);
      }
      const chip = this.chips.get(host)!;
      chip.conversationId = conversationId;
      chip.kind = kind;
      keep.add(host);
    };
    let headerPlaced = true;
    if (this.waiting.size) {
      for (const item of queryAll(this.doc, s.conversationItem)) {
        const id = extractValue(itemId, item);
        if (id && this.waiting.has(id)) {
          ensure(item, id, 'list');
          listed.add(id);
        }
      }
      if (activeConversation && this.waiting.has(activeConversation)) {
        const header = queryFirst(this.doc, s.conversationHeader);
        const name = header ? null : queryFirst(this.doc, s.buyerName?.selector);
        if (header) ensure(header, activeConversation, 'header');
        // Inside the name, after its text: beside the element it would take a line of its own in
        // a column layout (the header jumped whenever a wait started or ended).
        else if (name) ensure(name, activeConversation, 'header');
        // A console with neither rule never shows a header chip: nothing is missing then.
        else headerPlaced = !s.conversationHeader && !s.buyerName;
      }
    }
    this.placedFor = placedFor;
    this.placedAll = headerPlaced && (!s.conversationItem || [...this.waiting.keys()].every((id) => listed.has(id)));
    for (const [host, chip] of this.chips) {
      if (!keep.has(host)) {
        host.remove();
        this.chips.delete(host);
        chip.text = '';
        if (this.pool.length < 50) this.pool.push(chip);
      }
    }
    this.tick(now);
  }

  /** Is every chip still where the last placement put it? (Reads attributes of the few chips' anchors only.) */
  private stillPlaced(itemId: NonNullable<SiteConfig['selectors']['conversationItemId']>): boolean {
    for (const [host, chip] of this.chips) {
      if (!host.isConnected) return false;
      if (chip.kind === 'list' && (!host.parentElement || extractValue(itemId, host.parentElement) !== chip.conversationId)) return false;
    }
    return true;
  }

  private create(): Chip {
    const host = this.doc.createElement('span');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = CHIP_CSS;
    const label = this.doc.createElement('span');
    label.setAttribute('role', 'timer');
    shadow.append(style, label);
    return { host, label, conversationId: '', kind: 'list', text: '', level: '' };
  }

  /** Updates every chip's text and colour; returns the conversations that just crossed the target. */
  tick(now = Date.now()): string[] {
    const crossed: string[] = [];
    for (const [id, since] of this.waiting) {
      if (now - since >= this.targetSec * 1000 && !this.late.has(id)) {
        this.late.add(id);
        crossed.push(id);
      }
    }
    for (const chip of this.chips.values()) {
      const since = this.waiting.get(chip.conversationId);
      if (since === undefined) continue;
      const elapsed = now - since;
      const text = formatElapsed(elapsed);
      const level = waitLevel(elapsed / 1000, this.targetSec);
      if (text !== chip.text) {
        chip.text = text;
        chip.label.textContent = text;
        // Written inside the chip's shadow root: the page's own observers never see the ticking.
        chip.label.setAttribute('aria-label', this.t('timers.chip', { elapsed: text }));
        chip.label.dataset.elapsedSec = String(Math.floor(elapsed / 1000));
      }
      if (level !== chip.level) {
        chip.level = level;
        chip.label.className = level;
        chip.label.dataset.level = level;
      }
    }
    return crossed;
  }

  destroy(): void {
    for (const host of this.chips.keys()) host.remove();
    this.chips.clear();
    this.pool = [];
  }
}
