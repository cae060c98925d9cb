import type { SenderKind } from '@/lib/sites/schema';

// Waits per conversation (rule 4: times are stored, never counted): a wait starts at the first
// customer message not yet answered by a human and ends at the agent's next human message. More
// customer messages before the reply stay in the same wait; bot and system messages never end
// one (Chatwoot's waiting_since rule, Taobao's round rule).

export interface TimedMessage {
  sender: SenderKind;
  at: number;
}

export interface Wait {
  startedAt: number;
  /** null while nobody has answered. */
  endedAt: number | null;
}

export function waitsOf(messages: readonly TimedMessage[]): Wait[] {
  const sorted = [...messages].sort((a, b) => a.at - b.at);
  const waits: Wait[] = [];
  let open: Wait | null = null;
  for (const m of sorted) {
    if (m.sender === 'customer' && !open) {
      open = { startedAt: m.at, endedAt: null };
      waits.push(open);
    } else if (m.sender === 'agent' && open) {
      open.endedAt = m.at;
      open = null;
    }
  }
  return waits;
}

/** When the current wait started, or null when nobody waits (what the overlay's chip counts from). */
export function waitingSince(messages: readonly TimedMessage[]): number | null {
  const last = waitsOf(messages).at(-1);
  return last && last.endedAt === null ? last.startedAt : null;
}
