import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { I18nProvider } from '@/components/i18n';
import { setOverlayApi, takePending } from '@/lib/insert/bridge';
import { disabledHosts } from '@/lib/settings';
import { leaveWhenOrphaned } from '@/lib/messaging/lifecycle';
import { OverlayApp } from '@/components/overlay/OverlayApp';
import { useOverlayStore } from '@/components/overlay/store';
import overlayCss from '@/components/overlay/overlay.css?inline';
import teachCss from '@/components/teach/teach.css?inline';

const MOUNTED = Symbol.for('deskmate.overlay');
const GUARDED_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
  'paste',
  'drop',
];

/**
 * The overlay: injected by the background (never listed in the manifest) into pages a site
 * config matches, or when the agent asks for Deskmate. Lives in a shadow root; the page's
 * styles cannot reach it and its text is rendered by React as text only.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: ['http://*/*', 'https://*/*'],
  cssInjectionMode: 'manual',
  async main(ctx) {
    const w = window as unknown as Record<symbol, boolean>;
    if (w[MOUNTED]) return;
    w[MOUNTED] = true;
    ctx.onInvalidated(() => {
      w[MOUNTED] = false;
    });

    // Listening before the first await: a request sent right after injection is not lost
    // (the store keeps it until the UI mounts).
    const onMessage = (message: unknown) => {
      const type = message && typeof message === 'object' ? (message as { type?: string }).type : undefined;
      if (type === 'overlay.open') useOverlayStore.getState().setOpen(true);
      if (type === 'teach.start' && window === window.top) useOverlayStore.getState().setTeaching(true);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    // An overlay a previous version left behind (Firefox unloads an updated add-on's content
    // scripts but leaves their elements; Chromium's old overlay removes itself): there is one
    // overlay per frame, this one.
    for (const stale of document.querySelectorAll('deskmate-overlay')) stale.remove();

    const ui = await createShadowRootUi<Root>(ctx, {
      name: 'deskmate-overlay',
      // Closed in the shipped build: page scripts cannot read the overlay (template previews with
      // the agent's profile, case notes). The "inspect" build (WXT_INSPECT=1: the e2e tests, the
      // bench, `npm start`) keeps it open so tests can read it (docs/security.md, S2).
      mode: import.meta.env.WXT_INSPECT === '1' ? 'open' : 'closed',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: `${overlayCss}\n${teachCss}`,
      onMount(container) {
        // The page owns the DOM around the overlay: events its scripts synthesise (element.click(),
        // a fake input or keydown) never reach the overlay's controls (docs/security.md, S2).
        const shadow = container.getRootNode();
        for (const type of GUARDED_EVENTS) {
          shadow.addEventListener(
            type,
            (e) => {
              if (e.isTrusted) return;
              e.stopImmediatePropagation();
              e.preventDefault();
            },
            true,
          );
        }
        // Updated or reloaded extension: this overlay leaves when the new loader starts, or when
        // the agent touches it and its extension is gone.
        leaveWhenOrphaned(ctx, shadow);
        const root = createRoot(container);
        root.render(
          <I18nProvider>
            <OverlayApp ctx={ctx} />
          </I18nProvider>,
        );
        return root;
      },
      onRemove(root) {
        root?.unmount();
      },
    });
    ui.mount();

    // Hand-off from the loader: it calls this API from now on, and may have a request waiting.
    const store = useOverlayStore.getState();
    setOverlayApi({ openPicker: store.openPicker, openPanel: () => store.setOpen(true) });
    ctx.onInvalidated(() => setOverlayApi(undefined));
    const pending = takePending();
    if (pending === 'panel') store.setOpen(true);
    else if (pending) store.openPicker(pending);

    // Switched off for this site from the popup: leave the page at once.
    const unwatch = disabledHosts.watch((hosts) => {
      if (hosts.includes(location.host)) {
        ui.remove();
        setOverlayApi(undefined);
        w[MOUNTED] = false;
      }
    });
    ctx.onInvalidated(unwatch);
  },
});
