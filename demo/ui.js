// Tiny DOM helpers shared by the demo pages. Text is always set via textContent / text nodes.

/**
 * Create an element.
 * props: { class, text, attrs: {name: value}, dataset: {key: value}, on: {event: fn}, ...rest }
 * (other keys: DOM property when the element has it, e.g. hidden/href/tabIndex, else an attribute)
 * children: strings (become text nodes), nodes, arrays, null/undefined/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'attrs')
      for (const [n, v] of Object.entries(value)) {
        if (v != null) el.setAttribute(n, String(v));
      }
    else if (key === 'dataset')
      for (const [n, v] of Object.entries(value)) {
        if (v != null) el.dataset[n] = String(v);
      }
    else if (key === 'on') for (const [n, fn] of Object.entries(value)) el.addEventListener(n, fn);
    else if (key in el) el[key] = value;
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

const pad2 = (n) => String(n).padStart(2, '0');

/** HH:MM:SS */
export function fmtTime(ts) {
  const d = new Date(ts);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** HH:MM */
export function fmtHM(ts) {
  const d = new Date(ts);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** YYYY-MM-DD HH:MM:SS */
export function fmtDateTime(ts) {
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${fmtTime(ts)}`;
}

/** 2 小时前 / 15 分钟前 / 3 天前 */
export function fmtRelative(ts, now = Date.now()) {
  const min = Math.max(0, Math.round((now - ts) / 60000));
  if (min < 1) return '刚刚';
  if (min < 60) return `${min} 分钟前`;
  const hours = Math.floor(min / 60);
  if (hours < 48) return `${hours} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
}

export function money(n) {
  return `¥${Number(n).toFixed(2)}`;
}

export function hoursAgo(h, now = Date.now()) {
  return now - Math.round(h * 3600 * 1000);
}

/** A letter-ish initial for CSS avatars (first CJK/letter character). */
export function initialOf(name) {
  const chars = Array.from(String(name));
  const cjk = chars.find((ch) => /\p{Script=Han}/u.test(ch));
  if (cjk) return cjk;
  const letter = chars.find((ch) => /\p{L}/u.test(ch));
  return (letter ?? '?').toUpperCase();
}

/** Stable pastel colour index (0–5) from a string. */
export function colourIndex(key) {
  let hash = 0;
  for (const ch of String(key)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 6;
}

/** Like el.replaceChildren(), but skips null/false and flattens arrays (same rules as h()). */
export function setChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
