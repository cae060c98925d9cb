import type { CaseRecord, TemplateRecord, SiteConfigRecord } from '@/lib/db/records';
import type { Checklists } from '@/lib/cases/schema';
import type { AttachmentMeta } from '@/lib/cases/store';
import type { PickerTemplate } from '@/lib/templates/search';
import type { ObserveResult } from '@/lib/timers/record';
import type { RequestType } from './protocol';

/** What each request answers. */
export interface Responses {
  ping: { pong: true; at: number };
  'templates.list': TemplateRecord[];
  'templates.save': TemplateRecord;
  'templates.count': number;
  'templates.picker': PickerTemplate[];
  'templates.recordUse': null;
  'overlay.inject': { injected: boolean };
  'lint.record': null;
  'sites.get': SiteConfigRecord | null;
  'sites.save': { id: string };
  'sites.choose': { id: string | null };
  'teach.start': { started: boolean };
  'waits.show': { shown: boolean };
  'timers.observe': ObserveResult;
  'timers.list': ObserveResult;
  'cases.definitions': Checklists;
  'cases.forOrder': CaseRecord[];
  'cases.open': CaseRecord;
  'cases.update': CaseRecord;
  'cases.close': CaseRecord;
  'cases.reopen': CaseRecord;
  'cases.attachments': AttachmentMeta[];
  'cases.captureTab': AttachmentMeta;
  'cases.openPage': null;
  'cases.changed': null;
}

type Check<T extends Record<RequestType, unknown>> = T;
export type AllResponses = Check<Responses>;
