// The fixed vocabularies of site configs, without the schema library (the overlay uses these
// and must stay small; the zod schema in ./schema.ts builds on them).
export const senderKinds = ['customer', 'agent', 'bot', 'system'] as const;
export type SenderKind = (typeof senderKinds)[number];

export const countingProfiles = ['taobao', 'pinduoduo', 'douyin', 'jd', 'helpdesk'] as const;
export type CountingProfileKind = (typeof countingProfiles)[number];
