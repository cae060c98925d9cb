import type { ListActivity } from './observe';

/**
 * List activity the watcher reports, without the conversation the agent was in until this batch
 * (docs/site-config.md, "The conversation list"). When the agent sends a reply and opens another
 * conversation before the page settles, the row of the conversation just left changes in the same
 * batch as the switch: its preview and time now show the agent's reply. A console whose list does
 * not say who wrote last (咚咚) would read that as the buyer writing in a conversation that is not
 * open. What happened in that conversation up to the switch was read from its thread; list
 * activity at attach (not live) is kept.
 * @param openBefore the conversation open when the page last settled (null before the first)
 */
export function withoutLeftConversation(items: readonly ListActivity[], openBefore: string | null): ListActivity[] {
  return openBefore === null ? [...items] : items.filter((i) => !i.live || i.conversationId !== openBefore);
}
