import { deepChecker } from './deep-query';
import { senderKinds } from './kinds';
import type { SiteConfig } from './schema';

// CSS selector checks for site configs where a DOM exists (options page, overlay): no schema
// library here, so the overlay can check a taught config before the background validates it whole.

/** A selector checker for contexts with a DOM. */
export function domSelectorChecker(doc: Document): (s: string) => boolean {
  const frag = doc.createDocumentFragment();
  return (s) => {
    try {
      frag.querySelector(s);
      return true;
    } catch {
      return false;
    }
  };
}

/** Every selector of a config the browser cannot parse, as "field.path: message" lines. */
export function selectorProblems(config: Pick<SiteConfig, 'selectors'>, checkPart: (s: string) => boolean): string[] {
  // Every selector may cross shadow roots and frames with ">>>": each part is checked.
  const checkSelector = deepChecker(checkPart);
  const bad: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}.${i}`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
    else if (
      typeof value === 'string' &&
      /(^|\.)(selector|conversationItem|message|composer|conversationHeader)\.\d+$/.test(path) &&
      !checkSelector(value)
    )
      bad.push(`${path.slice(1)}: "${value}" is not a valid CSS selector`);
  };
  visit(config.selectors, '.selectors');
  // Without an attribute, the sender lists are selectors the message (or list) item must match.
  for (const key of ['messageSender', 'conversationLastSender'] as const) {
    const sender = config.selectors[key];
    if (!sender || sender.attr) continue;
    for (const kind of senderKinds) {
      sender[kind]?.forEach((sel, i) => {
        if (!checkSelector(sel)) bad.push(`selectors.${key}.${kind}.${i}: "${sel}" is not a valid CSS selector`);
      });
    }
  }
  return bad;
}
