import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '@/components/i18n';
import { getDb } from '@/lib/db/database';
import { TodayStats } from './TodayStats';

export function Dashboard() {
  const { t } = useI18n();
  const recent = useLiveQuery(() => getDb().templates.orderBy('lastUsedAt').reverse().filter((x) => x.lastUsedAt > 0).limit(10).toArray(), []);
  return (
    <main style={{ padding: 14 }}>
      <h1>{t('sidepanel.title')}</h1>
      <TodayStats />
      <h2>{t('sidepanel.recentTemplates')}</h2>
      {recent && recent.length === 0 && <p className="muted">{t('sidepanel.none')}</p>}
      <ul className="plain">
        {recent?.map((tpl) => (
          <li key={tpl.id}>
            {tpl.title} <span className="muted">×{tpl.useCount}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
