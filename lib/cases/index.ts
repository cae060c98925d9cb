// Evidence checklists and case deadlines (groundwork): definitions as validated data, pure deadline
// arithmetic, progress. Storage of open cases and the UI build on these.
export * from './schema';
export * from './deadlines';
export * from './definitions';

/** How a case ended. Open cases have no outcome yet. */
export const caseOutcomes = ['won', 'lost', 'refunded', 'withdrawn'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];
