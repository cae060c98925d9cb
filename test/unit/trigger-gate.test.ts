import { afterEach, describe, expect, it } from 'vitest';
import { TRIGGER_KEY_MS, triggerGate, type TriggerGate } from '@/lib/insert/trigger-gate';

// docs/security.md S1, round 2: document.execCommand('insertText', false, '/') from page script
// makes *trusted* input events, so the picker must also see the agent's own keypress of a
// trigger key just before. (happy-dom leaves isTrusted unset: each event states it, as a browser would.)

function key(init: KeyboardEventInit & { keyCode?: number }, trusted: boolean): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { bubbles: true, ...init });
  Object.defineProperty(e, 'isTrusted', { value: trusted });
  if (init.keyCode !== undefined) Object.defineProperty(e, 'keyCode', { value: init.keyCode });
  return e;
}

let clock = 0;
let gate: TriggerGate | undefined;
afterEach(() => gate?.stop());
const open = () => (gate = triggerGate(document, () => clock));

describe('the trigger needs the agent’s own keypress', () => {
  it('no keypress at all (execCommand): no picker', () => {
    open();
    expect(gate!.take()).toBe(false);
  });

  it('a trusted "/" or "、" keydown just before: the trigger counts, once', () => {
    open();
    document.body.dispatchEvent(key({ key: '/' }, true));
    clock += 5;
    expect(gate!.take()).toBe(true);
    expect(gate!.take()).toBe(false); // one keypress, one trigger
    document.body.dispatchEvent(key({ key: '、' }, true));
    expect(gate!.take()).toBe(true);
  });

  it('an IME processing the key (key "Process", keyCode 229) counts', () => {
    open();
    document.body.dispatchEvent(key({ key: 'Process', keyCode: 229 }, true));
    expect(gate!.take()).toBe(true);
  });

  it('a keydown the page dispatches, another key, a shortcut, or a stale keypress: no picker', () => {
    open();
    document.body.dispatchEvent(key({ key: '/' }, false));
    expect(gate!.take()).toBe(false);
    document.body.dispatchEvent(key({ key: 'a' }, true));
    expect(gate!.take()).toBe(false);
    document.body.dispatchEvent(key({ key: '/', ctrlKey: true }, true));
    expect(gate!.take()).toBe(false);
    document.body.dispatchEvent(key({ key: '/' }, true));
    clock += TRIGGER_KEY_MS + 1;
    expect(gate!.take()).toBe(false);
  });

  it('without the user’s transient activation (where the browser reports it): no picker', () => {
    const nav = window.navigator as Navigator & { userActivation?: { isActive: boolean } };
    const had = Object.getOwnPropertyDescriptor(nav, 'userActivation');
    Object.defineProperty(nav, 'userActivation', { value: { isActive: false }, configurable: true });
    try {
      open();
      document.body.dispatchEvent(key({ key: '/' }, true));
      expect(gate!.take()).toBe(false);
    } finally {
      if (had) Object.defineProperty(nav, 'userActivation', had);
      else delete (nav as { userActivation?: unknown }).userActivation;
    }
  });
});
