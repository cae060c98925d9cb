import en from './definitions/en.json';
import zhCN from './definitions/zh-CN.json';
import { parseChecklists, type Checklists } from './schema';

// The shipped checklist definitions (one file per language, identical ids and structure; see
// definitions/README.md) and look-ups over any validated definitions.

export const SHIPPED_CHECKLISTS = { 'zh-CN': zhCN, en } as const;
export type ChecklistLanguage = keyof typeof SHIPPED_CHECKLISTS;

const cache = new Map<ChecklistLanguage, Checklists>();

/** The shipped definitions of a language, validated once (an invalid shipped file is a bug: it throws). */
export function shippedChecklists(language: ChecklistLanguage): Checklists {
  let c = cache.get(language);
  if (!c) {
    const r = parseChecklists(SHIPPED_CHECKLISTS[language]);
    if (!r.ok) throw new Error(`Shipped checklists ${language} are invalid: ${r.errors.join('; ')}`);
    c = r.value;
    cache.set(language, c);
  }
  return c;
}

export * from './lookup';
