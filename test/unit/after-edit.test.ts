import { describe, expect, it } from 'vitest';
import { onEveryEdit } from '@/lib/insert/after-edit';

// Only the agent's own typing may open the picker: events a page script dispatches are untrusted.
// (happy-dom leaves isTrusted undefined, so each event here states it, as a browser would.)
const inputEvent = (type: 'input' | 'beforeinput', trusted: boolean) => {
  const e = new InputEvent(type, { inputType: 'insertText', data: '/', bubbles: true });
  Object.defineProperty(e, 'isTrusted', { value: trusted });
  return e;
};

describe('onEveryEdit', () => {
  it('reacts to the agent typing, and ignores the same events when a page script dispatches them', async () => {
    const box = document.createElement('textarea');
    document.body.append(box);
    const seen: boolean[] = [];
    const stop = onEveryEdit(document, (_target, event) => seen.push(event.isTrusted), 'task');
    box.value = '/';
    box.dispatchEvent(inputEvent('beforeinput', false));
    box.dispatchEvent(inputEvent('input', false));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([]);
    box.dispatchEvent(inputEvent('beforeinput', true));
    box.dispatchEvent(inputEvent('input', true));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([true]);
    stop();
    box.remove();
  });
});
