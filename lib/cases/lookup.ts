import { deadlineFor, type Instant } from './deadlines';
import type { CaseType, Checklists, DeadlineRule, StartEvent, UploadLimit } from './schema';

// Look-ups over any validated checklist definitions. No definitions are bundled here, so the
// overlay can use these without carrying the shipped JSON (it gets the definitions by message).

export function ruleById(c: Checklists, id: string): DeadlineRule | undefined {
  return c.deadlineRules.find((r) => r.id === id);
}

export function caseTypeById(c: Checklists, id: string): CaseType | undefined {
  return c.caseTypes.find((t) => t.id === id);
}

export function uploadLimitFor(c: Checklists, platformId: string): UploadLimit | undefined {
  return Object.hasOwn(c.uploadLimits, platformId) ? c.uploadLimits[platformId] : undefined;
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * The case type a platform's dispute reason (e.g. the text a site config's `disputeType` reads)
 * names: the one whose title or keyword is the longest substring of the text. Undefined when none.
 */
export function findCaseType(c: Checklists, disputeText: string): CaseType | undefined {
  const text = squash(disputeText);
  if (!text) return undefined;
  let best: { type: CaseType; length: number } | undefined;
  for (const type of c.caseTypes) {
    for (const k of [type.title, ...(type.keywords ?? [])]) {
      const key = squash(k);
      if (key && text.includes(key) && (!best || key.length > best.length)) best = { type, length: key.length };
    }
  }
  return best?.type;
}

export interface CaseClock {
  /** null: the case's own rule; else the item whose rule this is. */
  itemId: string | null;
  rule: DeadlineRule;
  /** null while the moment that starts the clock is not known yet. */
  startAt: Instant | null;
  deadlineAt: Instant | null;
}

/**
 * Every clock of a case on a platform: the case type's rule, then each item's own rule.
 * `starts` gives the known moments by start event; rules that start `manual` take theirs from
 * `manual[itemId]` (or `manual[caseType.id]` for the case's rule).
 */
export function caseClocks(
  c: Checklists,
  caseType: CaseType,
  platformId: string | undefined,
  starts: Partial<Record<StartEvent, Instant>>,
  manual: Readonly<Record<string, Instant>> = {},
): CaseClock[] {
  const clock = (itemId: string | null, ruleId: string): CaseClock[] => {
    const rule = ruleById(c, ruleId);
    if (!rule) return [];
    const key = itemId ?? caseType.id;
    const startAt = (rule.start === 'manual' ? (Object.hasOwn(manual, key) ? manual[key] : undefined) : starts[rule.start]) ?? null;
    return [{ itemId, rule, startAt, deadlineAt: startAt === null ? null : deadlineFor(rule, platformId, startAt) }];
  };
  return [
    ...clock(null, caseType.deadlineRule),
    ...caseType.items.flatMap((item) => (item.deadlineRule ? clock(item.id, item.deadlineRule) : [])),
  ];
}
