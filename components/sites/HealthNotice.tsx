import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { useStored } from '@/components/useStored';
import type { MessageKey } from '@/lib/i18n';
import { siteChoices, siteHealth, siteMatchIndex, type SiteHealthEntry } from '@/lib/settings';
import type { HealthPart } from '@/lib/sites/health';
import { choiceKey, resolveSite } from '@/lib/sites/precedence';

// "This console's config stopped working" (lib/sites/health.ts): shown in the overlay and the
// popup with a way to teach the console again; the options list shows each config's last match.

const PART_LABELS: Record<HealthPart, MessageKey> = {
  messages: 'health.partMessages',
  senders: 'health.partSenders',
  conversation: 'health.partConversation',
  composer: 'health.partComposer',
};

/** The stored health of one config, kept live. */
export function useSiteHealth(id: string | null | undefined): SiteHealthEntry | null {
  const all = useStored(siteHealth);
  return id ? (all?.[id] ?? null) : null;
}

/** The warning, when parts of the config found nothing for a while; nothing otherwise. */
export function HealthNotice({
  health,
  name,
  onReteach,
  className,
}: {
  health: SiteHealthEntry | null;
  name: string;
  onReteach: () => void;
  className?: string;
}) {
  const { t } = useI18n();
  if (!health?.failing.length) return null;
  const parts = health.failing.map((p) => t(PART_LABELS[p])).join(t('health.separator'));
  return (
    <div role="alert" className={className} data-health="failing">
      <p>{t('health.failing', { name, parts })}</p>
      <button type="button" onClick={onReteach}>
        {t('health.reteach')}
      </button>
    </div>
  );
}

/** "Last read successfully: …" for the options list. */
export function LastMatch({ health }: { health: SiteHealthEntry | null }) {
  const { t, locale } = useI18n();
  if (!health) return null;
  const time = health.lastMatchAt ? new Date(health.lastMatchAt).toLocaleString(locale) : null;
  return (
    <span className={health.failing.length ? 'badge warn' : 'badge'}>{time ? t('health.lastMatch', { time }) : t('health.never')}</span>
  );
}

/** The config in effect in the active tab (popup): its id, from the published index and the agent's choice. */
export function useActiveTabSiteId(): string | null {
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void Promise.all([browser.tabs.query({ active: true, currentWindow: true }), siteMatchIndex.getValue(), siteChoices.getValue()])
      .then(([[tab], index, choices]) => {
        const url = tab?.url ?? '';
        if (alive) setId(url ? (resolveSite(index, url, choices[choiceKey(url)])?.entry.id ?? null) : null);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return id;
}
