// Regexes shipped in earlier versions of lib/templates/packs/lint-rules.json that the linear-time
// engine (lib/sites/safe-regex.ts) cannot run (they used lookahead), and what replaced them.
// A stored copy of the rules (settings `lintRules`, a backup) is upgraded with this map.

const REPLACED: Readonly<Record<string, string>> = {
  '(?<!\\d)1[3-9]\\d(?:[\\s-]?\\d{4}){2}(?!\\d)': '(?<!\\d)1[3-9]\\d(?:[\\s-]?\\d{4}){2}\\b',
  '不知道(?!我刚才|您|是否)': '不知道(?:$|[^我您是]|我(?:$|[^刚])|我刚(?:$|[^才])|是(?:$|[^否]))',
};

/** The rule with a formerly shipped lookahead regex replaced by its linear-time equivalent. */
export function upgradeLegacyLintRegex<T extends { regex: string | null }>(rule: T): T {
  const next = rule.regex !== null ? REPLACED[rule.regex] : undefined;
  return next === undefined ? rule : { ...rule, regex: next };
}
