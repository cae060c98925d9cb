// Template variables: `{{name}}`, `{{name|fallback}}`, `{{?field}}`, `{{date+3d}}`, `{{cursor}}`.
// Rendering is plain text only (rule 3); a variable with no value never becomes a silent blank:
// it uses its fallback or becomes a field the agent fills in before insertion.

export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'cursor' }
  | { kind: 'var'; name: string; builtin: BuiltinName | null; fallback: string | null; offset: Offset | null; raw: string }
  | { kind: 'field'; name: string; raw: string };

export interface Offset {
  amount: number;
  unit: 'd' | 'h' | 'm';
}

export type BuiltinName = 'buyer' | 'agent' | 'agentId' | 'shop' | 'order' | 'tracking' | 'date' | 'time';

/** Both spellings of every built-in variable. */
const ALIASES: Record<string, BuiltinName> = {
  buyer: 'buyer',
  买家: 'buyer',
  agent: 'agent',
  客服: 'agent',
  agentid: 'agentId',
  agent_id: 'agentId',
  工号: 'agentId',
  shop: 'shop',
  店铺: 'shop',
  order: 'order',
  订单号: 'order',
  订单: 'order',
  tracking: 'tracking',
  物流单号: 'tracking',
  运单号: 'tracking',
  date: 'date',
  日期: 'date',
  time: 'time',
  时间: 'time',
};

export function builtinName(name: string): BuiltinName | null {
  return ALIASES[name.toLowerCase()] ?? ALIASES[name] ?? null;
}

const TOKEN = /\{\{\s*(\?)?\s*([\p{L}\p{N}_]+)\s*(?:([+-])\s*(\d{1,4})\s*([dhm]))?\s*(?:\|([^{}]*))?\}\}/gu;

/** Splits a body into text and variables. Unrecognised `{{…}}` stays text. */
export function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of body.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    if (index > last) tokens.push({ kind: 'text', text: body.slice(last, index) });
    last = index + m[0].length;
    const [raw, ask, name = '', sign, amount, unit, fallback] = m;
    if (!ask && name.toLowerCase() === 'cursor') tokens.push({ kind: 'cursor' });
    else if (ask) tokens.push({ kind: 'field', name, raw });
    else
      tokens.push({
        kind: 'var',
        name,
        builtin: builtinName(name),
        fallback: fallback === undefined ? null : fallback,
        offset: sign && amount && unit ? { amount: (sign === '-' ? -1 : 1) * Number(amount), unit: unit as Offset['unit'] } : null,
        raw,
      });
  }
  if (last < body.length) tokens.push({ kind: 'text', text: body.slice(last) });
  return tokens;
}

/** What the page and the agent's profile know at insertion time. */
export interface RenderContext {
  buyer?: string | null;
  agent?: string | null;
  agentId?: string | null;
  shop?: string | null;
  order?: string | null;
  tracking?: string | null;
  now: number;
  locale: 'zh-CN' | 'en';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function shift(now: number, offset: Offset | null): Date {
  const d = new Date(now);
  if (!offset) return d;
  if (offset.unit === 'd')
    d.setDate(d.getDate() + offset.amount); // calendar days, DST-safe
  else if (offset.unit === 'h') d.setHours(d.getHours() + offset.amount);
  else d.setMinutes(d.getMinutes() + offset.amount);
  return d;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDate(d: Date, locale: RenderContext['locale']): string {
  return locale === 'zh-CN' ? `${d.getMonth() + 1}月${d.getDate()}日` : `${EN_MONTHS[d.getMonth()]} ${d.getDate()}`;
}

export function formatTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function builtinValue(name: BuiltinName, offset: Offset | null, ctx: RenderContext): string | null {
  switch (name) {
    case 'date':
      return formatDate(shift(ctx.now, offset), ctx.locale);
    case 'time':
      return formatTime(shift(ctx.now, offset));
    default: {
      const v = ctx[name];
      return v && v.trim() ? v.trim() : null;
    }
  }
}

/** A blank the agent fills before insertion: a `{{?field}}`, or a variable with no value and no fallback. */
export interface FieldSpec {
  /** The key used in `fills`. */
  key: string;
  label: string;
}

function fieldKey(token: Token): string | null {
  if (token.kind === 'field') return `?${token.name}`;
  if (token.kind === 'var') return token.name;
  return null;
}

/** The fields to ask for, in order of first appearance, each once. */
export function fieldsToAsk(body: string, ctx: RenderContext): FieldSpec[] {
  const seen = new Set<string>();
  const fields: FieldSpec[] = [];
  for (const token of tokenize(body)) {
    let ask = token.kind === 'field';
    if (token.kind === 'var' && token.fallback === null)
      ask = token.builtin ? builtinValue(token.builtin, token.offset, ctx) === null : true;
    const key = fieldKey(token);
    if (ask && key && !seen.has(key)) {
      seen.add(key);
      fields.push({ key, label: token.kind === 'field' || token.kind === 'var' ? token.name : key });
    }
  }
  return fields;
}

export interface Rendered {
  text: string;
  /** Where the caret lands (offset into text); the end when the body has no {{cursor}}. */
  caret: number;
  /** Fields still without a value (the caller must ask before inserting). */
  missing: FieldSpec[];
}

/** Renders to plain text. `fills` holds the agent's answers keyed by FieldSpec.key. */
export function render(body: string, ctx: RenderContext, fills: Record<string, string> = {}): Rendered {
  let text = '';
  let caret: number | null = null;
  const missing: FieldSpec[] = [];
  const missingKeys = new Set<string>();
  const need = (key: string, label: string) => {
    if (!missingKeys.has(key)) {
      missingKeys.add(key);
      missing.push({ key, label });
    }
  };
  for (const token of tokenize(body)) {
    if (token.kind === 'text') text += token.text;
    else if (token.kind === 'cursor') caret ??= text.length;
    else if (token.kind === 'field') {
      const v = fills[`?${token.name}`];
      if (v !== undefined && v !== '') text += v;
      else need(`?${token.name}`, token.name);
    } else {
      const value =
        (token.builtin ? builtinValue(token.builtin, token.offset, ctx) : null) ?? (fills[token.name] || null) ?? token.fallback;
      if (value !== null) text += value;
      else need(token.name, token.name);
    }
  }
  return { text, caret: caret ?? text.length, missing };
}
