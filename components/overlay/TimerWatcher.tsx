import { useEffect, useRef } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { useI18n } from '@/components/i18n';
import { countingFor } from '@/lib/sites/counting';
import { browser } from 'wxt/browser';
import { send } from '@/lib/messaging/client';
import type { RequestInput } from '@/lib/messaging/protocol';
import type { ListActivity } from '@/lib/timers/record';
import { loadMessageSecret, keyedMessageId } from '@/lib/timers/message-key';
import { createOutbox } from '@/lib/timers/outbox';
import { openWaitsBySite, timerAlerts, type OpenWait } from '@/lib/settings';
import type { SiteConfig } from '@/lib/sites/schema';
import { inQuietHours } from '@/lib/timers/alerts';
import { createTracker, type TrackerBatch } from '@/lib/timers/tracker';
import { checkHealth, healthMonitor, missingKey, parseMissing } from '@/lib/sites/health';
import { extractValue, queryAll } from '@/lib/sites/extract';
import { ChipLayer } from './chips';
import { pageTimers } from '@/lib/messaging/lifecycle';

const HOLD_MS = 1000;

/** A short beep (WebAudio; no file, no remote resource). */
function beep(): void {
  try {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.18);
    osc.onended = () => void audio.close();
  } catch {
    // audio blocked until the agent interacts with the page: the chip and badge still show it
  }
}

/**
 * Watches the console for messages (lib/timers/tracker), reports them to the background, and
 * shows the counting chips. Renders nothing itself.
 */
export function TimerWatcher({ ctx, config }: { ctx: ContentScriptContext; config: SiteConfig }) {
  const { t } = useI18n();
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);
  useEffect(() => {
    if (!config.selectors.message || !config.selectors.messageSender) return;
    const attachedAt = Date.now();
    const counting = countingFor(config);
    const chips = new ChipLayer(config, document, counting.targetSec, (key, params) => tRef.current(key, params));
    let active: string | null = null;
    const timers = pageTimers(ctx);
    let ticker: number | undefined;
    let alive = true;

    const tick = () => {
      const crossed = chips.tick();
      if (crossed.length) {
        void timerAlerts.getValue().then((s) => {
          if (s.sound && !inQuietHours(s, Date.now())) beep();
        });
      }
    };
    // The open waits come from storage (published by the background): no message round trip.
    const show = (bySite: Record<string, OpenWait[]>) => {
      if (!alive) return;
      const list = bySite[config.id] ?? [];
      chips.setWaiting(new Map(list.map((w) => [w.conversationId, w.waitingSince])));
      chips.place(active);
      if (chips.size && ticker === undefined) ticker = timers.setInterval(tick, 1000);
      if (!chips.size && ticker !== undefined) {
        timers.clearInterval(ticker);
        ticker = undefined;
      }
    };

    // Messages are sent in order (a reply must never overtake the question it answers), kept in the
    // extension's storage until the background confirms them and retried across service-worker
    // restarts and reloads (lib/timers/outbox). Messages carrying the console's own timestamp lose
    // nothing by waiting, so they are gathered for up to a second; any without one (its time is
    // the moment it is recorded) or a conversation switch goes at once.
    const outbox = createOutbox({
      instanceId: `${config.id}:${attachedAt}:${Math.random().toString(36).slice(2, 10)}`,
      storage: {
        get: () => browser.storage.local.get(null),
        set: (key, value) => browser.storage.local.set({ [key]: value }),
        remove: (keys) => browser.storage.local.remove(keys),
      },
      deliver: async (item) => {
        if (item.type === 'timers.list') await send('timers.list', item.input as RequestInput<'timers.list'>);
        else await send('timers.observe', item.input as RequestInput<'timers.observe'>);
      },
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    });
    let buffer: TrackerBatch | null = null;
    let flushTimer: number | undefined;
    const sendNow = () => {
      timers.clearTimeout(flushTimer);
      flushTimer = undefined;
      const batch = buffer;
      buffer = null;
      if (batch) outbox.push({ type: 'timers.observe', input: { siteId: config.id, profile: config.profile, attachedAt, ...batch } });
    };
    const report = (batch: TrackerBatch) => {
      if (buffer && buffer.conversationId !== batch.conversationId) sendNow();
      buffer = buffer ? { conversationId: batch.conversationId, messages: [...buffer.messages, ...batch.messages] } : batch;
      if (batch.messages.some((m) => m.at === null || !m.live)) sendNow();
      else flushTimer ??= timers.setTimeout(sendNow, HOLD_MS);
    };
    const reportList = (items: ListActivity[]) => {
      // After what the thread reported so far (a switch's history first).
      sendNow();
      outbox.push({ type: 'timers.list', input: { siteId: config.id, profile: config.profile, attachedAt, items } });
    };

    // Config health: does the config still find what it needs (lib/sites/health.ts)? Checked when
    // the page settles, reported only when that changes; the top frame speaks for the page.
    const healthKey = missingKey(config.id);
    const health = healthMonitor(attachedAt, {
      persist: (missing) =>
        void (
          Object.keys(missing).length ? browser.storage.local.set({ [healthKey]: missing }) : browser.storage.local.remove(healthKey)
        ).catch(() => undefined),
    });
    const checkHealthNow = (conversationId: string | null) => {
      if (window !== window.top) return;
      const now = Date.now();
      if (!health.due(now)) return;
      const report = health.update(checkHealth(config, document, conversationId), now);
      if (report) void send('sites.health', { siteId: config.id, ...report }).catch(() => undefined);
    };

    // Id-less messages are known by a keyed hash (the install's secret, read once).
    let tracker: { stop(): void } | null = null;
    const start = (secret: Uint8Array | null) => {
      if (!alive) return;
      tracker = createTracker({
        config,
        identity: secret ? (sender, timeText, text) => keyedMessageId(secret, sender, null, `${timeText ?? ''}\u0000${text}`) : undefined,
        doc: document,
        url: () => location.href,
        setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
        onBatch: report,
        onList: reportList,
        onSettled: (conversationId) => {
          // Re-anchors chips to a list the console may have re-rendered (a no-op when nobody waits).
          active = conversationId;
          chips.place(active);
          checkHealthNow(conversationId);
        },
      });
    };
    // Since when parts have been missing, as earlier pages stored it, is known before the first check.
    const restored = browser.storage.local
      .get(healthKey)
      .then((r) => health.restore(parseMissing(r[healthKey]), Date.now()))
      .catch(() => undefined);
    void Promise.all([loadMessageSecret().catch(() => null), restored]).then(([secret]) => start(secret));
    // Leaving or reloading the page: what is held goes into the outbox, for the next page to deliver.
    void openWaitsBySite.getValue().then(show);
    const unwatch = openWaitsBySite.watch(show);
    const leave = () => {
      sendNow();
      outbox.stop();
    };
    // Kept in the back/forward cache, the page may come back: it keeps its outbox then.
    const onHide = (e: PageTransitionEvent) => (e.persisted ? sendNow() : leave());
    window.addEventListener('pagehide', onHide);
    // "等待中 N" in the popup or side panel was clicked: open that conversation from the list.
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; conversationId?: unknown } | null;
      if (m?.type !== 'overlay.showConversation' || typeof m.conversationId !== 'string' || m.conversationId === active) return;
      const s = config.selectors;
      const item = queryAll(document, s.conversationItem).find(
        (el) => extractValue(s.conversationItemId ?? { selector: [':scope'] }, el) === m.conversationId,
      );
      if (!(item instanceof HTMLElement)) return;
      item.scrollIntoView({ block: 'nearest' });
      item.click();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      window.removeEventListener('pagehide', onHide);
      leave();
      alive = false;
      tracker?.stop();
      unwatch();
      timers.clearInterval(ticker);
      chips.destroy();
    };
  }, [ctx, config]);
  return null;
}
