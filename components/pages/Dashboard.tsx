import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { getDb } from '@/lib/db/database';
import { startOfLocalDay, usageSince } from '@/lib/metrics/today';
import { typingSpeed } from '@/lib/settings';
import { TodayStats } from './TodayStats';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function Dashboard() {
  const { t } = useI18n();
  const [speed, setSpeed] = useState<number | null>(null);
  useEffect(() => {
    void typingSpeed.getValue().then(setSpeed);
    return typingSpeed.watch(setSpeed);
  }, []);
  const week = useLiveQuery(
    () => (speed === null ? undefined : usageSince(getDb(), startOfLocalDay(Date.now()) - WEEK_MS + 24 * 3600 * 1000, speed)),
    [speed],
  );
  return (
    <main style={{ padding: 14 }}>
      <h1>{t('sidepanel.title')}</h1>
      <TodayStats />
      <h2>{t('sidepanel.week')}</h2>
      {week && <p>{t('sidepanel.saved', { minutes: Math.round(week.minutesSaved), chars: week.chars })}</p>}
      <h3>{t('sidepanel.topTemplates')}</h3>
      {week && week.top.length === 0 && <p className="muted">{t('sidepanel.none')}</p>}
      <ol aria-label={t('sidepanel.topTemplates')}>
        {week?.top.map((x) => (
          <li key={x.templateId}>
            {x.title} <span className="muted">×{x.uses}</span>
          </li>
        ))}
      </ol>
    </main>
  );
}
