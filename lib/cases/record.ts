import type { Dexie, EntityTable } from 'dexie';
import type { CaseDetails } from './details';
import type { StartEvent } from './schema';

// The cases' tables: their records, and the part of the database the cases capability writes
// (lib/db/database.ts holds the tables; cases sit below the database: docs/engineering.md, "Layers").

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

/** What lib/cases needs of the database (DeskmateDB has it). */
export interface CasesDB extends Pick<Dexie, 'transaction'> {
  cases: EntityTable<CaseRecord, 'id'>;
  attachments: EntityTable<AttachmentRecord, 'id'>;
}
