import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { overlayApi, setPending, type PickerRequest } from '@/lib/insert/bridge';
import { onEveryEdit } from '@/lib/insert/after-edit';
import { editableRoot } from '@/lib/insert/editors';
import { isTriggerInput, readTrigger } from '@/lib/insert/trigger';
import { triggerGate } from '@/lib/insert/trigger-gate';
import { send } from '@/lib/messaging/client';
import { announceLoader } from '@/lib/messaging/lifecycle';
import { disabledHosts, siteMatchIndex } from '@/lib/settings';
import { findSite } from '@/lib/sites/match-pattern';

const ARMED_MS = 1500;

/**
 * The loader: runs in every http(s) frame and stays tiny (no React, no Dexie, no zod). It
 *  - asks for the overlay where a site config matches (read from storage, no service-worker wake-up),
 *  - notices the picker trigger ("/" or "、" at the start of a field or after a space) in any
 *    editable field and hands over to the overlay, injecting it first if needed,
 *  - answers the keyboard command.
 * It never reacts while an IME composition is active.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: true,
  matchAboutBlank: true,
  async main(ctx) {
    // After an update, an overlay left by the previous version hears this and leaves.
    announceLoader();
    let disabled = false;
    let requested = false;

    const inject = async (reason: 'site' | 'trigger' | 'command') => {
      if (requested || ctx.isInvalid) return;
      requested = true;
      await send('overlay.inject', { reason }).catch(() => {
        requested = false;
      });
    };

    const open = (request: PickerRequest | 'panel') => {
      if (disabled || ctx.isInvalid) return;
      const api = overlayApi();
      if (api) return request === 'panel' ? api.openPanel() : api.openPicker(request);
      setPending(request);
      void inject(request === 'panel' ? 'command' : 'trigger');
    };

    const check = async () => {
      const [off, index] = await Promise.all([disabledHosts.getValue(), siteMatchIndex.getValue()]);
      disabled = off.includes(location.host);
      if (disabled || window !== window.top) return; // the overlay's panel lives in the top frame
      if (findSite(index, location.href)) await inject('site');
    };
    await check();
    ctx.addEventListener(window, 'wxt:locationchange', () => void check());
    const unwatchIndex = siteMatchIndex.watch(() => void check());
    const unwatchDisabled = disabledHosts.watch(() => void check());
    ctx.onInvalidated(() => {
      unwatchIndex();
      unwatchDisabled();
    });

    // After a trigger keystroke the loader stays "armed" for a moment: editors that render
    // keystrokes themselves may show the trigger only a frame or a keystroke later.
    let armedUntil = 0;
    const tryOpen = (target: EventTarget | null): boolean => {
      const field = editableRoot(target);
      if (!field) return false;
      // The match must be the trigger just typed: nothing but a few query letters after it.
      const match = readTrigger(field);
      if (!match || /[\s/、]/.test(match.query)) return false;
      armedUntil = 0;
      open({ target: field, mode: 'inline' });
      return true;
    };
    const onTyped = (target: EventTarget | null) => {
      armedUntil = Date.now() + ARMED_MS;
      if (!tryOpen(target)) requestAnimationFrame(() => Date.now() < armedUntil && tryOpen(target));
    };
    // A trigger counts only right after the agent's own keypress of a trigger key (a page's
    // execCommand('insertText') makes trusted input events but no keydown; lib/insert/trigger-gate.ts).
    const gate = triggerGate(document);
    ctx.onInvalidated(() => gate.stop());
    // Capture phase on the document: sees fields in open shadow roots too (composedPath), and
    // editors that apply keystrokes themselves (no "input" event) through their "beforeinput".
    ctx.onInvalidated(
      onEveryEdit(
        document,
        (target, event) => {
          if (isTriggerInput(event)) {
            if (gate.take()) onTyped(target);
          } else if (Date.now() < armedUntil) tryOpen(target);
        },
        'task',
        (e) => isTriggerInput(e) || Date.now() < armedUntil,
      ),
    );
    // A trigger committed through an IME (e.g. "、" from a Chinese punctuation composition).
    ctx.addEventListener(
      document,
      'compositionend',
      (e) => {
        if (e.isTrusted && /[/、]$/.test(e.data ?? '') && gate.take()) onTyped(e.composedPath()[0] ?? null);
      },
      { capture: true },
    );

    const onMessage = (message: unknown) => {
      if ((message as { type?: string } | null)?.type !== 'picker.open' || !document.hasFocus()) return;
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      const field = editableRoot(active);
      if (field) open({ target: field, mode: 'command' });
      else if (window === window.top) open('panel');
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
