import type { CountingProfileKind, SiteConfig, SenderKind } from '@/lib/sites/schema';
import type { CaseDetails } from '@/lib/cases/details';
import type { StartEvent } from '@/lib/cases/schema';

// Record types of the Deskmate database (schema v2; v2 indexes cases by closedAt). Booleans are stored as 0/1 where indexed.

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

export interface CaseItemState {
  itemId: string;
  done: 0 | 1;
  note: string;
  doneAt: number;
}

export interface CaseRecord {
  id: string;
  orderNo: string;
  /** The checklist case type id (e.g. "quality-problem"). */
  disputeType: string;
  /** The case type's title and the definitions' language when the case was opened. */
  caseTypeTitle?: string;
  language?: string;
  platform: string;
  siteId: string;
  status: 'open' | 'closed';
  outcome?: 'won' | 'lost' | 'refunded' | 'withdrawn';
  /** When the platform's clock started (epoch ms); 0 while unknown (the agent is asked, never "now"). */
  startedAt: number;
  /** Where startedAt came from: read from the page by the site config, or entered by the agent. */
  startSource?: 'page' | 'agent';
  /** What starts the case's clock (its deadline rule's start event), e.g. "platformIntervened". */
  startEvent?: StartEvent;
  /** 0 while the start is unknown. */
  deadlineAt: number;
  items: CaseItemState[];
  createdAt: number;
  updatedAt: number;
  closedAt: number;
  /** When every required item was first done (0 while not). */
  completedAt?: number;
  /** Item(s), cause, refund path, amounts, re-shipment, visits, review explanations (lib/cases/details.ts). */
  details?: CaseDetails;
}

export interface AttachmentRecord {
  id: string;
  caseId: string;
  itemId: string;
  name: string;
  type: string;
  size: number;
  sourceUrl: string;
  createdAt: number;
  /** A small JPEG thumbnail (data: URL) for images; absent for PDFs. */
  preview?: string;
  blob: Blob;
}

export interface SiteConfigRecord {
  id: string;
  source: 'builtin' | 'user';
  enabled: 0 | 1;
  config: SiteConfig;
  updatedAt: number;
}

/** A service-language flag shown to the agent, or a fix they took. No message text. */
export interface LintEventRecord {
  id?: number;
  at: number;
  ruleId: string;
  kind: 'shown' | 'fixed';
  siteId: string;
}
