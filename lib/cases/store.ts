import type { AttachmentRecord, CaseItemState, CaseRecord, CasesDB } from './record';
import { deadlineFor, progress } from './deadlines';
import { caseTypeById, ruleById } from './definitions';
import type { Checklists } from './schema';
import type { CaseOutcome } from './index';

const caseOutcomesList: readonly string[] = ['won', 'lost', 'refunded', 'withdrawn'];
import { applyDetailsPatch, detailsFromType, type CaseDetails, type CaseDetailsPatch } from './details';

// Cases in the extension's database (background and extension pages only; rule 1). One case per
// order and case type (the unique [orderNo+disputeType] index): reopening the page finds it.

export interface OpenCaseInput {
  orderNo: string;
  caseTypeId: string;
  platform: string;
  siteId: string;
  /**
   * The moment the platform's clock started (read from the page or entered by the agent). Absent:
   * unknown, so the case has no deadline until the agent gives it; never silently "now".
   */
  startedAt?: number;
  /** Where startedAt came from (default: entered by the agent). */
  startSource?: 'page' | 'agent';
  /** Item(s), cause, path, amounts… known when the case is opened (e.g. read from the page). */
  details?: CaseDetails;
}

/** The deadline for a start (0 while the start is unknown). */
function deadlineOf(defs: Checklists, caseTypeId: string, platform: string, startedAt: number): number {
  if (!startedAt) return 0;
  const type = caseTypeById(defs, caseTypeId);
  const rule = type ? ruleById(defs, type.deadlineRule) : undefined;
  return rule ? deadlineFor(rule, platform, startedAt) : 0;
}

export async function findCase(db: CasesDB, orderNo: string, caseTypeId: string): Promise<CaseRecord | undefined> {
  return db.cases.where('[orderNo+disputeType]').equals([orderNo, caseTypeId]).first();
}

export async function openCase(db: CasesDB, input: OpenCaseInput, defs: Checklists, now = Date.now()): Promise<CaseRecord> {
  const type = caseTypeById(defs, input.caseTypeId);
  if (!type) throw new Error(`caseTypeId: unknown case type "${input.caseTypeId}"`);
  return db.transaction('rw', db.cases, async () => {
    const existing = await findCase(db, input.orderNo, input.caseTypeId);
    if (existing) return existing;
    const startedAt = input.startedAt ?? 0;
    const startEvent = ruleById(defs, type.deadlineRule)?.start;
    const details = applyDetailsPatch(detailsFromType(type.id), input.details ?? {}, now);
    const record: CaseRecord = {
      id: crypto.randomUUID(),
      orderNo: input.orderNo,
      disputeType: input.caseTypeId,
      caseTypeTitle: type.title,
      language: defs.language,
      platform: input.platform,
      siteId: input.siteId,
      status: 'open',
      startedAt,
      ...(startedAt ? { startSource: input.startSource ?? 'agent' } : {}),
      ...(startEvent ? { startEvent } : {}),
      deadlineAt: deadlineOf(defs, input.caseTypeId, input.platform, startedAt),
      items: type.items.map((i) => ({ itemId: i.id, done: 0, note: '', doneAt: 0 })),
      createdAt: now,
      updatedAt: now,
      closedAt: 0,
      completedAt: 0,
      ...(Object.keys(details).length ? { details } : {}),
    };
    await db.cases.add(record);
    return record;
  });
}

export interface CaseUpdate {
  id: string;
  items?: { itemId: string; done?: boolean; note?: string }[];
  startedAt?: number;
  /** Where the new startedAt came from (default: entered by the agent). */
  startSource?: 'page' | 'agent';
  platform?: string;
  /** Fields to set (a value) or remove (null); see lib/cases/details.ts. */
  details?: CaseDetailsPatch;
}

export async function updateCase(db: CasesDB, update: CaseUpdate, defs: Checklists, now = Date.now()): Promise<CaseRecord> {
  return db.transaction('rw', db.cases, async () => {
    const c = await db.cases.get(update.id);
    if (!c) throw new Error(`id: no case "${update.id}"`);
    const items: CaseItemState[] = c.items.map((i) => ({ ...i }));
    for (const change of update.items ?? []) {
      const item = items.find((i) => i.itemId === change.itemId);
      if (!item) throw new Error(`items: the case has no item "${change.itemId}"`);
      if (change.done !== undefined && (change.done ? 1 : 0) !== item.done) {
        item.done = change.done ? 1 : 0;
        item.doneAt = change.done ? now : 0;
      }
      if (change.note !== undefined) item.note = change.note;
    }
    const startedAt = update.startedAt ?? c.startedAt;
    const platform = update.platform ?? c.platform;
    const type = caseTypeById(defs, c.disputeType);
    let completedAt = c.completedAt ?? 0;
    if (type) {
      const p = progress(type.items, Object.fromEntries(items.map((i) => [i.itemId, i.done === 1])));
      completedAt = p.requiredDone === p.requiredTotal ? completedAt || now : 0;
    }
    const details = update.details ? applyDetailsPatch(c.details, update.details, now) : c.details;
    const next: CaseRecord = {
      ...c,
      items,
      startedAt,
      ...(update.startedAt !== undefined ? { startSource: update.startSource ?? 'agent' } : {}),
      details,
      platform,
      deadlineAt:
        update.startedAt !== undefined || update.platform !== undefined
          ? deadlineOf(defs, c.disputeType, platform, startedAt)
          : c.deadlineAt,
      completedAt,
      updatedAt: now,
    };
    if (!next.details || !Object.keys(next.details).length) delete next.details;
    await db.cases.put(next);
    return next;
  });
}

/** Closes a case with the outcome the agent chose (there is no default outcome). */
export async function closeCase(db: CasesDB, id: string, outcome: CaseOutcome, now = Date.now()): Promise<CaseRecord> {
  const c = await db.cases.get(id);
  if (!c) throw new Error(`id: no case "${id}"`);
  if (!caseOutcomesList.includes(outcome)) throw new Error(`outcome: must be one of ${caseOutcomesList.join(', ')}`);
  const next: CaseRecord = { ...c, status: 'closed', outcome, closedAt: now, updatedAt: now };
  await db.cases.put(next);
  return next;
}

export async function reopenCase(db: CasesDB, id: string, now = Date.now()): Promise<CaseRecord> {
  const c = await db.cases.get(id);
  if (!c) throw new Error(`id: no case "${id}"`);
  const next: CaseRecord = { ...c, status: 'open', outcome: undefined, closedAt: 0, updatedAt: now };
  await db.cases.put(next);
  return next;
}

export async function casesForOrder(db: CasesDB, orderNo: string): Promise<CaseRecord[]> {
  return db.cases.where('[orderNo+disputeType]').between([orderNo, ''], [orderNo, '\uffff']).toArray();
}

/** Open cases, the one with the least time left first. */
export async function openCases(db: CasesDB): Promise<CaseRecord[]> {
  const open = await db.cases.where('status').equals('open').toArray();
  return open.sort((a, b) => (a.deadlineAt || Infinity) - (b.deadlineAt || Infinity));
}

export type AttachmentMeta = Omit<AttachmentRecord, 'blob'>;

export async function attachmentsOf(db: CasesDB, caseId: string): Promise<AttachmentMeta[]> {
  const all = await db.attachments.where('caseId').equals(caseId).toArray();
  return all.map(({ blob: _blob, ...meta }) => meta).sort((a, b) => a.createdAt - b.createdAt);
}
