// UI strings of the checklist definitions editor (options), merged into the catalogs (en.ts, zh-CN.ts).
// Both objects must have exactly the same keys (checked by the type system and test/unit/i18n.test.ts).
export const checklistsEn = {
} as const;

export const checklistsZhCN: Record<keyof typeof checklistsEn, string> = {
};
