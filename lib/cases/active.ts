import { customChecklists } from '@/lib/settings';
import { shippedChecklists, type ChecklistLanguage } from './definitions';
import { parseChecklists, type Checklists } from './schema';

// The checklist definitions in use: the agent's own copy of a language (edited in the options
// page or imported) when there is one and it is still valid, else the shipped file. A copy that
// no longer validates (e.g. after an update tightened the format) is not used but is kept, so the
// options page can say why and the agent can export, fix or discard it.
// Rule 6: a copy is validated whole before it is written; an invalid one writes nothing.

export const checklistLanguages = ['zh-CN', 'en'] as const satisfies readonly ChecklistLanguage[];

/** Thrown by saveChecklists when the definitions do not validate; `errors` name the fields. */
export class ChecklistsInvalidError extends Error {
  readonly errors: string[];
  constructor(errors: string[]) {
    super(`Checklist definitions are invalid: ${errors.join('; ')}`);
    this.name = 'ChecklistsInvalidError';
    this.errors = errors;
  }
}

export interface LoadedChecklists {
  value: Checklists;
  /** custom: the agent's copy; shipped: the shipped file (no copy, or the copy is invalid). */
  source: 'custom' | 'shipped';
  /** Set when the agent has a stored copy that no longer validates (so the shipped file is used). */
  storedErrors?: string[];
}

function storedCopy(all: Record<string, unknown> | null, language: ChecklistLanguage): unknown {
  return all && Object.hasOwn(all, language) ? all[language] : undefined;
}

/** The definitions of a language with where they come from. The value is a fresh copy: edit it freely. */
export async function loadChecklists(language: ChecklistLanguage): Promise<LoadedChecklists> {
  const stored = storedCopy(await customChecklists.getValue(), language);
  if (stored !== undefined && stored !== null) {
    const r = parseChecklists(stored);
    if (r.ok && r.value.language === language) return { value: r.value, source: 'custom' };
    const storedErrors = r.ok ? [`language: must be "${language}"`] : r.errors;
    return { value: structuredClone(shippedChecklists(language)), source: 'shipped', storedErrors };
  }
  return { value: structuredClone(shippedChecklists(language)), source: 'shipped' };
}

/** The definitions in use for a language: the agent's valid copy, else the shipped ones. */
export async function activeChecklists(language: ChecklistLanguage): Promise<Checklists> {
  return (await loadChecklists(language)).value;
}

/**
 * Stores the agent's definitions for a language after validating them whole (and checking that
 * they are in that language). Throws ChecklistsInvalidError, writing nothing, when they are invalid.
 * Returns the stored (normalized) definitions.
 */
export async function saveChecklists(language: ChecklistLanguage, defs: unknown): Promise<Checklists> {
  const r = parseChecklists(defs);
  if (!r.ok) throw new ChecklistsInvalidError(r.errors);
  if (r.value.language !== language) throw new ChecklistsInvalidError([`language: must be "${language}"`]);
  const all = (await customChecklists.getValue()) ?? {};
  await customChecklists.setValue({ ...all, [language]: r.value });
  return structuredClone(r.value);
}

/** Drops the agent's copy of a language: the shipped definitions apply again. */
export async function resetChecklists(language: ChecklistLanguage): Promise<void> {
  const all = await customChecklists.getValue();
  if (!all || !Object.hasOwn(all, language)) return;
  const rest = Object.fromEntries(Object.entries(all).filter(([k]) => k !== language));
  await customChecklists.setValue(Object.keys(rest).length ? rest : null);
}

/** Calls back whenever the agent's definitions (any language) change, e.g. from another tab. */
export function watchChecklists(cb: () => void): () => void {
  return customChecklists.watch(() => cb());
}
