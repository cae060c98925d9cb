import { useEffect, useRef } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { useI18n } from '@/components/i18n';
import { countingFor } from '@/lib/metrics/counting';
import { send } from '@/lib/messaging/client';
import { timerAlerts, timersRevision } from '@/lib/settings';
import type { SiteConfig } from '@/lib/sites/schema';
import { inQuietHours } from '@/lib/timers/alerts';
import { createTracker, type TrackerBatch } from '@/lib/timers/tracker';
import { ChipLayer } from './chips';

const RETRIES = 5;

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
    const refresh = () =>
      send('timers.waiting', { siteId: config.id })
        .then((list) => {
          if (!alive) return;
          chips.setWaiting(new Map(list.map((w) => [w.conversationId, w.waitingSince])));
          chips.place(active);
          if (chips.size && ticker === undefined) ticker = ctx.setInterval(tick, 1000);
          if (!chips.size && ticker !== undefined) {
            clearInterval(ticker);
            ticker = undefined;
          }
        })
        .catch(() => undefined);

    // Batches are sent one after another (a reply must never overtake the question it answers)
    // and retried while the service worker restarts.
    let queue = Promise.resolve();
    const report = (batch: TrackerBatch) => {
      queue = queue.then(async () => {
        for (let attempt = 0; alive && attempt < RETRIES; attempt++) {
          try {
            const result = await send('timers.observe', { siteId: config.id, profile: config.profile, attachedAt, ...batch });
            if (result.changed) await refresh();
            return;
          } catch {
            await new Promise((r) => ctx.setTimeout(() => r(null), 200 * 2 ** attempt));
          }
        }
      });
    };

    const tracker = createTracker({
      config,
      doc: document,
      url: () => location.href,
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      onBatch: report,
      onSettled: (conversationId) => {
        active = conversationId;
        chips.place(active);
      },
    });
    void refresh();
    const unwatch = timersRevision.watch(() => void refresh());
    return () => {
      alive = false;
      tracker.stop();
      unwatch();
      if (ticker !== undefined) clearInterval(ticker);
      chips.destroy();
    };
  }, [ctx, config]);
  return null;
}
