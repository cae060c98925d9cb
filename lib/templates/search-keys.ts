import { pinyin } from 'pinyin-pro';

// Pinyin search keys, computed where templates are written (background), never in the page:
// the content script's index only compares strings, and stays small.

export interface SearchKeys {
  /** Full pinyin without tones or spaces: 欢迎语 → "huanyingyu". */
  py: string;
  /** Initials: 欢迎语 → "hyy". */
  pyi: string;
}

export function searchKeys(title: string): SearchKeys {
  if (!/[\u3400-\u9fff]/.test(title)) return { py: '', pyi: '' };
  const full = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const first = pinyin(title, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return { py: clean(full), pyi: clean(first) };
}
