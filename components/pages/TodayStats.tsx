import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '@/components/i18n';
import { getDb } from '@/lib/db/database';
import { todayStats } from '@/lib/metrics/today';

/** Live "today at a glance" tiles (re-render on writes from any extension context). */
export function TodayStats() {
  const { t } = useI18n();
  const stats = useLiveQuery(() => todayStats(getDb()), []);
  const tiles = [
    { label: t('popup.templatesUsed'), value: stats?.usesToday },
    { label: t('popup.templates'), value: stats?.templates },
    { label: t('popup.openCases'), value: stats?.openCases },
  ];
  return (
    <section aria-label={t('popup.today')}>
      <h2>{t('popup.today')}</h2>
      <div className="stats">
        {tiles.map((tile) => (
          <div className="stat" key={tile.label}>
            <strong>{tile.value ?? '–'}</strong>
            <span>{tile.label}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
