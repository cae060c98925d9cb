// Record types of the Deskmate database (schema v2; v2 indexes cases by closedAt). Booleans are stored as 0/1 where indexed.
// Sites and cases own the records of their tables (they sit below the database: docs/engineering.md, "Layers").
import type { CountingProfileKind, SenderKind } from '@/lib/sites/schema';
export type { SiteConfigRecord } from '@/lib/sites/record';
export type { AttachmentRecord, CaseItemState, CaseRecord } from '@/lib/cases/record';

export interface TemplateRecord {
  id: string;
  title: string;
  body: string;
  shortcode?: string;
  /** Folder path, "/"-separated, e.g. "售后/物流". Empty string = root. */
  folder: string;
  tags: string[];
  /** Site config ids this template is limited to; empty = all sites. */
  sites: string[];
  language: string;
  /** Id of the built-in pack template this came from, if any. */
  builtinId?: string;
  createdAt: number;
  updatedAt: number;
  useCount: number;
  lastUsedAt: number;
  /** Pinyin search keys of the title (derived on write, see lib/templates/search-keys.ts). */
  py?: string;
  pyi?: string;
}

/** One insertion: which template, when, where. No message content. */
export interface TemplateUseRecord {
  id?: number;
  templateId: string;
  at: number;
  siteId: string;
  /** Characters inserted (for the "time saved" estimate). */
  chars?: number;
}

export interface ConversationRecord {
  /** `${siteId}:${conversationId}` */
  id: string;
  siteId: string;
  conversationId: string;
  /** Never written: buyer names are not stored (kept for v1 shape compatibility). */
  buyerName?: string;
  /** When the current unanswered customer wait started (epoch ms), or 0 when nobody waits. */
  waitingSince: number;
  lastCustomerAt: number;
  lastAgentAt: number;
  /** The waitingSince of the open wait a bot message already marked (0 = none): marks a wait once. */
  botSince?: number;
  /** Newest message time any watcher saw in this conversation (history older than it is never an event). */
  seenUntil?: number;
  updatedAt: number;
}

/** One message seen arriving live; the key de-duplicates across reloads and tabs. */
export interface MessageEventRecord {
  /** `${siteId}:${conversationId}:${messageId}` */
  id: string;
  conversationKey: string;
  sender: SenderKind;
  at: number;
}

/** A wait from a customer's first unanswered message to the agent's human reply. */
export interface WaitRecord {
  id?: number;
  conversationKey: string;
  siteId: string;
  /** The counting profile of the site when the wait started (absent in early v1 data = helpdesk). */
  profile?: CountingProfileKind;
  startedAt: number;
  /** 0 while open. */
  endedAt: number;
  /** 1 when a bot (automatic) message arrived while the wait was open (Taobao leaves out bot-only conversations, docs/counting.md). */
  bot?: 1;
}

/** A service-language flag shown to the agent, or a fix they took. No message text. */
export interface LintEventRecord {
  id?: number;
  at: number;
  ruleId: string;
  kind: 'shown' | 'fixed';
  siteId: string;
}
