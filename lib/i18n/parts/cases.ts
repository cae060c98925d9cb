// UI strings of the cases feature, kept in their own file and merged into the catalogs (en.ts, zh-CN.ts).
// Both objects must have exactly the same keys (checked by the type system and test/unit/i18n.test.ts).
export const casesEn = {
} as const;

export const casesZhCN: Record<keyof typeof casesEn, string> = {
};
