import { browser } from 'wxt/browser';
import type { Envelope, Reply, RequestInput, RequestType } from './protocol';
import type { Responses } from './types';

export class MessagingError extends Error {
  constructor(
    message: string,
    /** 'quota': the background could not store it (lib/quota.ts). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Sends a typed request to the background and unwraps its reply. */
export async function send<T extends RequestType>(type: T, input: RequestInput<T>): Promise<Responses[T]> {
  const envelope: Envelope = { deskmate: 1, type, input };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<Responses[T]> | undefined;
  if (!reply) throw new MessagingError(`No answer to "${type}"`);
  if (!reply.ok) throw new MessagingError(reply.error, reply.code);
  return reply.value;
}
