import Dexie, { type EntityTable } from 'dexie';
import type {
  AttachmentRecord,
  CaseRecord,
  ConversationRecord,
  MessageEventRecord,
  WaitRecord,
  LintEventRecord,
  SiteConfigRecord,
  TemplateRecord,
  TemplateUseRecord,
} from './records';
import { UPGRADES } from './upgrades';

export const DB_NAME = 'deskmate';

/**
 * Index definitions per schema version. A shipped version is never edited: a change adds a
 * new entry (and an upgrade function in ./upgrades.ts when data must change). Only what is
 * queried is indexed (template bodies are not).
 */
export const SCHEMA_VERSIONS: Record<number, Record<string, string>> = {
  1: {
    templates: 'id, shortcode, folder, builtinId, updatedAt, lastUsedAt, *tags',
    templateUses: '++id, templateId, at',
    conversations: 'id, siteId, waitingSince, updatedAt',
    messageEvents: 'id, conversationKey, at',
    rounds: '++id, conversationKey, siteId, startedAt, endedAt',
    cases: 'id, &[orderNo+disputeType], status, deadlineAt, updatedAt',
    attachments: 'id, caseId, createdAt',
    siteConfigs: 'id, enabled',
    lintEvents: '++id, at, ruleId',
  },
  // Cases by closing time, for the weekly after-sales report and its KPIs. Unchanged data.
  2: {
    templates: 'id, shortcode, folder, builtinId, updatedAt, lastUsedAt, *tags',
    templateUses: '++id, templateId, at',
    conversations: 'id, siteId, waitingSince, updatedAt',
    messageEvents: 'id, conversationKey, at',
    rounds: '++id, conversationKey, siteId, startedAt, endedAt',
    cases: 'id, &[orderNo+disputeType], status, deadlineAt, updatedAt, closedAt',
    attachments: 'id, caseId, createdAt',
    siteConfigs: 'id, enabled',
    lintEvents: '++id, at, ruleId',
  },
};

export const LATEST_VERSION = Math.max(...Object.keys(SCHEMA_VERSIONS).map(Number));

export class DeskmateDB extends Dexie {
  templates!: EntityTable<TemplateRecord, 'id'>;
  templateUses!: EntityTable<TemplateUseRecord, 'id'>;
  conversations!: EntityTable<ConversationRecord, 'id'>;
  messageEvents!: EntityTable<MessageEventRecord, 'id'>;
  /**
   * The waits (README, "Glossary"). The table keeps the name it was created with: renaming a
   * Dexie table copies every agent's waits in an upgrade, and backup files name their tables.
   */
  rounds!: EntityTable<WaitRecord, 'id'>;
  cases!: EntityTable<CaseRecord, 'id'>;
  attachments!: EntityTable<AttachmentRecord, 'id'>;
  siteConfigs!: EntityTable<SiteConfigRecord, 'id'>;
  lintEvents!: EntityTable<LintEventRecord, 'id'>;

  constructor(name = DB_NAME, upToVersion = LATEST_VERSION) {
    // Relaxed durability: a commit is acknowledged once the browser has written it, without
    // waiting for the disk flush. It survives a killed browser process (only an OS crash could
    // lose the last writes) and keeps an event's round trip within its 5 ms budget.
    super(name, { chromeTransactionDurability: 'relaxed' });
    for (let v = 1; v <= upToVersion; v++) {
      const stores = SCHEMA_VERSIONS[v];
      if (!stores) throw new Error(`Missing schema version ${v}`);
      const upgrade = UPGRADES[v];
      const version = this.version(v).stores(stores);
      if (upgrade)
        version.upgrade(async (tx) => {
          for (const table of tx.storeNames)
            await tx
              .table(table)
              .toCollection()
              .modify((row: Record<string, unknown>, ref) => {
                ref.value = upgrade.row(table, row);
              });
        });
    }
  }
}

let shared: DeskmateDB | undefined;

/** The one database of the extension origin (background and extension pages only; rule 1). */
export function getDb(): DeskmateDB {
  shared ??= new DeskmateDB();
  return shared;
}
