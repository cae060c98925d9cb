import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { ruleAmount, type Checklists, type DeadlineRule } from '@/lib/cases';
import type { Locale, Translate } from '@/lib/i18n';
import { localizeError } from '@/lib/i18n/errors';
import type { SelectOption } from '@/components/ui/SelectField';

// What the checklist editor's rows share (ChecklistDefinitions.tsx and its row editors): the
// draft edit function, ids for new entries, summaries of amounts and reminders, localized errors
// placed by field, and an input that parses its text into a value.

export type Edit = (fn: (c: Checklists) => void) => void;

export const DEFAULT_REMINDERS = [12, 2, 0.5];

export function freshId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((x) => x.id));
  for (let n = taken.length + 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!ids.has(id)) return id;
  }
}

/** A duration in the rule's unit, in words ("48小时", "30分钟", "5天"). */
export function duration(t: Translate, n: number, unit: 'hours' | 'days'): string {
  if (unit === 'days') return t('cases.duration.days', { n });
  if (n > 0 && n < 1) return t('cases.duration.minutes', { n: Math.round(n * 60) });
  return t('cases.duration.hours', { n });
}

export function platformName(c: Checklists, id: string): string {
  return c.platforms.find((p) => p.id === id)?.name ?? id;
}

/** "48小时（拼多多 48小时 · 抖音 24小时）": the default amount and the per-platform ones. */
export function amountSummary(t: Translate, c: Checklists, rule: DeadlineRule): string {
  const { unit, amount } = ruleAmount(rule);
  const own = Object.entries(rule.perPlatform ?? {}).map(([p, n]) =>
    t('checklists.perPlatformEntry', { platform: platformName(c, p), amount: duration(t, n, unit) }),
  );
  const base = duration(t, amount, unit);
  return own.length ? t('checklists.amountWithPlatforms', { amount: base, platforms: own.join(' · ') }) : base;
}

export function reminderSummary(t: Translate, rule: DeadlineRule): string {
  const list = (rule.reminderHoursBefore ?? DEFAULT_REMINDERS).map((h) => duration(t, h, 'hours')).join(t('checklists.listSeparator'));
  return rule.reminderHoursBefore ? t('checklists.reminders', { list }) : t('checklists.remindersDefault', { list });
}

/** Where an error's path points, in words: "质量问题 › 开箱视频" or a rule's title. */
export function errorPlace(c: Checklists, message: string, untitled: string): string {
  const title = (s: string | undefined) => (s?.trim() ? s.trim() : untitled);
  const type = /^caseTypes\.(\d+)(?:\.items\.(\d+))?/.exec(message);
  if (type) {
    const ct = c.caseTypes[Number(type[1])];
    if (!ct) return '';
    const item = type[2] === undefined ? undefined : ct.items[Number(type[2])];
    return item ? `${title(ct.title)} › ${title(item.title)}` : title(ct.title);
  }
  const rule = /^deadlineRules\.(\d+)/.exec(message);
  if (rule) {
    const r = c.deadlineRules[Number(rule[1])];
    return r ? title(r.title) : '';
  }
  return '';
}

export function localizedErrors(t: Translate, locale: Locale, errors: readonly string[], c?: Checklists): string[] {
  return errors.map((e) => {
    const error = localizeError(e, locale);
    const place = c ? errorPlace(c, e, t('checklists.untitled')) : '';
    return place ? t('checklists.errorAt', { error, place }) : error;
  });
}

export type TextProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'>;

/**
 * A text field holding a parsed value (a number, a list): what the agent types stays as typed
 * while it reads as the same value, so "12, " or "1." are not rewritten under the cursor.
 */
export function ParsedInput<T>({
  value,
  onChange,
  parse,
  format,
  type = 'text',
  ...rest
}: TextProps & { value: T; onChange: (v: T) => void; parse: (s: string) => T; format: (v: T) => string; type?: 'text' | 'number' }) {
  const [text, setText] = useState(() => format(value));
  const shown = format(parse(text)) === format(value) ? text : format(value);
  return (
    <input
      {...rest}
      type={type}
      value={shown}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}

export const parseNumber = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
export const formatNumber = (n: number | undefined): string => (n === undefined ? '' : String(n));
export const parseNumbers = (s: string): number[] | undefined => {
  const parts = s
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return parts.length ? parts.map(Number) : undefined;
};
export const parseWords = (s: string): string[] | undefined => {
  const parts = s
    .split(/[,，、;；]/)
    .map((x) => x.trim())
    .filter(Boolean);
  return parts.length ? parts : undefined;
};
export const formatList = (list: readonly (string | number)[] | undefined): string => (list ?? []).join(', ');

/** Sets an optional field, deleting it when the value is undefined (the schema is strict about keys). */
export function setOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}

export const domId = (...parts: (string | number)[]) => `cl.${parts.join('.')}`;

/** The deadline rules as select options: "title · amount". */
export function ruleOptions(t: Translate, c: Checklists, named: (title: string) => string): SelectOption<string>[] {
  return c.deadlineRules.map((r) => ({ value: r.id, label: `${named(r.title)} · ${amountSummary(t, c, r)}` }));
}

/** A row's disclosure button: the title with ▸/▾, controlling the row's panel while it is open. */
export function RowToggle({
  id,
  panelId,
  open,
  onToggle,
  children,
}: {
  id: string;
  panelId: string;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="cl-toggle" id={id} aria-expanded={open} aria-controls={open ? panelId : undefined} onClick={onToggle}>
      <span aria-hidden="true">{open ? '▾' : '▸'}</span> {children}
    </button>
  );
}
