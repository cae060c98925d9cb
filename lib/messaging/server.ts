import { browser, type Browser } from 'wxt/browser';
import { isQuotaError, QUOTA_CODE } from '@/lib/quota';
import { formatIssues } from '@/lib/validate';
import { isEnvelope, requests, type ParsedInput, type Reply, type RequestType } from './protocol';
import { senderRefusal } from './sender-policy';
import type { Responses } from './types';

export type Handlers = {
  [T in RequestType]: (input: ParsedInput<T>, sender: Browser.runtime.MessageSender) => Promise<Responses[T]> | Responses[T];
};

/** Validates a request and runs its handler; never throws (errors become `{ok:false}`). */
export async function dispatch(handlers: Handlers, message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> {
  if (!isEnvelope(message)) return { ok: false, error: 'not a Deskmate message' };
  const type = message.type as RequestType;
  // Own properties only: "constructor", "__proto__" … are not message types.
  const def = Object.hasOwn(requests, type) ? requests[type] : undefined;
  if (!def) return { ok: false, error: `unknown message type "${message.type}"` };
  const parsed = def.input.safeParse(message.input ?? {});
  if (!parsed.success) return { ok: false, error: `${type}: ${formatIssues(parsed.error).join('; ')}` };
  try {
    // What a content script (any page, any frame) may ask is limited (lib/messaging/sender-policy.ts).
    const refusal = await senderRefusal(type, parsed.data, sender);
    if (refusal) return { ok: false, error: refusal };
    const handler = handlers[type] as (input: unknown, sender: Browser.runtime.MessageSender) => unknown;
    return { ok: true, value: await handler(parsed.data, sender) };
  } catch (err) {
    const error = err instanceof Error ? err.message || err.name : String(err);
    return isQuotaError(err) ? { ok: false, error, code: QUOTA_CODE } : { ok: false, error };
  }
}

/**
 * Registers the background's message router. Answers both ways a runtime accepts: through
 * `sendResponse` (fakeBrowser 2.x) and as the returned Promise (webextension-polyfill,
 * fakeBrowser 1.x); whichever the runtime uses first wins.
 */
export function listen(handlers: Handlers): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    if (!isEnvelope(message)) return undefined;
    const reply = dispatch(handlers, message, sender);
    void reply.then(sendResponse);
    return reply;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
