// UI strings of the evidence package and attachments, merged into the catalogs (en.ts, zh-CN.ts).
// Both objects must have exactly the same keys (checked by the type system and test/unit/i18n.test.ts).
export const packageEn = {
} as const;

export const packageZhCN: Record<keyof typeof packageEn, string> = {
};
