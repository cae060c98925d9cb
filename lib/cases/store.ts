import type { DeskmateDB } from '@/lib/db/database';
import type { AttachmentRecord, CaseItemState, CaseRecord } from '@/lib/db/records';
import { deadlineFor, progress } from './deadlines';
import { caseTypeById, ruleById } from './definitions';
import type { Checklists } from './schema';
import type { CaseOutcome } from './index';

// Cases in the extension's database (background and extension pages only; rule 1). One case per
// order and case type (the unique [orderNo+disputeType] index): reopening the page finds it.

export interface OpenCaseInput {
  orderNo: string;
  caseTypeId: string;
  platform: string;
  siteId: string;
  /** The moment the deadline counts from (the agent confirms it, or the page gives it); default now. */
  startedAt?: number;
}

function deadlineOf(defs: Checklists, caseTypeId: string, platform: string, startedAt: number): number {
  const type = caseTypeById(defs, caseTypeId);
  const rule = type ? ruleById(defs, type.deadlineRule) : undefined;
  return rule ? deadlineFor(rule, platform, startedAt) : 0;
}

export async function findCase(db: DeskmateDB, orderNo: string, caseTypeId: string): Promise<CaseRecord | undefined> {
  return db.cases.where('[orderNo+disputeType]').equals([orderNo, caseTypeId]).first();
}

export async function openCase(db: DeskmateDB, input: OpenCaseInput, defs: Checklists, now = Date.now()): Promise<CaseRecord> {
  const type = caseTypeById(defs, input.caseTypeId);
  if (!type) throw new Error(`caseTypeId: unknown case type "${input.caseTypeId}"`);
  return db.transaction('rw', db.cases, async () => {
    const existing = await findCase(db, input.orderNo, input.caseTypeId);
    if (existing) return existing;
    const startedAt = input.startedAt ?? now;
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
      deadlineAt: deadlineOf(defs, input.caseTypeId, input.platform, startedAt),
      items: type.items.map((i) => ({ itemId: i.id, done: 0, note: '', doneAt: 0 })),
      createdAt: now,
      updatedAt: now,
      closedAt: 0,
      completedAt: 0,
    };
    await db.cases.add(record);
    return record;
  });
}

export interface CaseUpdate {
  id: string;
  items?: { itemId: string; done?: boolean; note?: string }[];
  startedAt?: number;
  platform?: string;
}

export async function updateCase(db: DeskmateDB, update: CaseUpdate, defs: Checklists, now = Date.now()): Promise<CaseRecord> {
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
    const next: CaseRecord = {
      ...c,
      items,
      startedAt,
      platform,
      deadlineAt: update.startedAt !== undefined || update.platform !== undefined ? deadlineOf(defs, c.disputeType, platform, startedAt) : c.deadlineAt,
      completedAt,
      updatedAt: now,
    };
    await db.cases.put(next);
    return next;
  });
}

export async function closeCase(db: DeskmateDB, id: string, outcome: CaseOutcome, now = Date.now()): Promise<CaseRecord> {
  const c = await db.cases.get(id);
  if (!c) throw new Error(`id: no case "${id}"`);
  const next: CaseRecord = { ...c, status: 'closed', outcome, closedAt: now, updatedAt: now };
  await db.cases.put(next);
  return next;
}

export async function reopenCase(db: DeskmateDB, id: string, now = Date.now()): Promise<CaseRecord> {
  const c = await db.cases.get(id);
  if (!c) throw new Error(`id: no case "${id}"`);
  const next: CaseRecord = { ...c, status: 'open', outcome: undefined, closedAt: 0, updatedAt: now };
  await db.cases.put(next);
  return next;
}

export async function casesForOrder(db: DeskmateDB, orderNo: string): Promise<CaseRecord[]> {
  return db.cases.where('[orderNo+disputeType]').between([orderNo, ''], [orderNo, '\uffff']).toArray();
}

/** Open cases, the one with the least time left first. */
export async function openCases(db: DeskmateDB): Promise<CaseRecord[]> {
  const open = await db.cases.where('status').equals('open').toArray();
  return open.sort((a, b) => (a.deadlineAt || Infinity) - (b.deadlineAt || Infinity));
}

export type AttachmentMeta = Omit<AttachmentRecord, 'blob'>;

export async function attachmentsOf(db: DeskmateDB, caseId: string): Promise<AttachmentMeta[]> {
  const all = await db.attachments.where('caseId').equals(caseId).toArray();
  return all.map(({ blob: _blob, ...meta }) => meta).sort((a, b) => a.createdAt - b.createdAt);
}
