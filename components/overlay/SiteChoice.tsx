import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { errorText } from '@/lib/i18n/errors';
import type { MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { SiteMatchEntry } from '@/lib/settings';
import { configName } from '@/lib/sites/names';
import { choiceKey, type SiteReason, type SiteResolution } from '@/lib/sites/precedence';

const REASONS: Record<SiteReason, MessageKey> = {
  chosen: 'sites.reasonChosen',
  only: 'sites.reasonOnly',
  own: 'sites.reasonOwn',
  specific: 'sites.reasonSpecific',
  first: 'sites.reasonFirst',
};

/**
 * The overlay page tab's line about the config in effect: which one, why, and one click to use
 * another config that matches the page (the choice is kept by the background, `sites.choose`).
 */
export function SiteChoice({ resolution }: { resolution: SiteResolution<SiteMatchEntry> }) {
  const { t, locale } = useI18n();
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const ids = resolution.candidates.map((c) => c.id).join(' ');
  useEffect(() => {
    let alive = true;
    void Promise.all(ids.split(' ').map(async (id) => [id, await send('sites.get', { id }).catch(() => null)] as const)).then((records) => {
      if (!alive) return;
      setNames(Object.fromEntries(records.map(([id, r]) => [id, r ? configName(r.config, locale) : id])));
    });
    return () => {
      alive = false;
    };
  }, [ids, locale]);

  const { entry, reason, candidates } = resolution;
  const name = (id: string) => names[id] ?? id;
  const source = (e: SiteMatchEntry) => t(e.source === 'user' ? 'sites.sourceUser' : 'sites.sourceBuiltin');
  const choose = (id: string | null) => {
    setError('');
    send('sites.choose', { url: location.href, id }).catch((e: unknown) => setError(errorText(e, t)));
  };
  const others = candidates.filter((c) => c.id !== entry.id);
  const fallback = candidates[0];
  return (
    <div className="dm-site-choice" data-site-id={entry.id}>
      <p>{t('sites.inEffect', { name: name(entry.id), source: source(entry) })}</p>
      <p className="dm-muted">{t(REASONS[reason], { host: choiceKey(location.href) })}</p>
      {others.length > 0 && (
        <>
          <p className="dm-muted">{t('sites.alsoMatch')}</p>
          <ul className="dm-list">
            {others.map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => choose(reason === 'chosen' && c.id === fallback?.id ? null : c.id)}>
                  {reason === 'chosen' && c.id === fallback?.id
                    ? t('sites.backToDefault', { name: name(c.id) })
                    : t('sites.useInstead', { name: name(c.id) })}
                </button>{' '}
                <span className="dm-muted">({source(c)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p role="alert" className="dm-error">
          {error}
        </p>
      )}
    </div>
  );
}
