import { useState } from 'react';
import { OpenCases } from '@/components/cases/OpenCases';
import { ReplyDashboard } from '@/components/dashboard/ReplyDashboard';
import { WeeklyReport } from '@/components/dashboard/WeeklyReport';
import { useI18n } from '@/components/i18n';
import { StorageFullNotice } from '@/components/StorageFullNotice';
import { TodayStats } from './TodayStats';

type View = 'overview' | 'weekly';

/** The side panel: today at a glance, reply metrics with charts, the weekly report. */
export function Dashboard() {
  const { t } = useI18n();
  const [view, setView] = useState<View>('overview');
  const views: { id: View; label: string }[] = [
    { id: 'overview', label: t('dash.overview') },
    { id: 'weekly', label: t('dash.weekly') },
  ];
  return (
    <main style={{ padding: 14 }}>
      <h1>{t('sidepanel.title')}</h1>
      <StorageFullNotice className="tm-errors" />
      <div role="tablist" className="tabs" aria-label={t('sidepanel.title')}>
        {views.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`dash-tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls={`dash-panel-${v.id}`}
            tabIndex={view === v.id ? 0 : -1}
            onClick={() => setView(v.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = view === 'overview' ? 'weekly' : 'overview';
                setView(next);
                document.getElementById(`dash-tab-${next}`)?.focus();
              }
            }}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`dash-panel-${view}`} aria-labelledby={`dash-tab-${view}`}>
        {view === 'overview' ? (
          <>
            <TodayStats />
            <OpenCases />
            <ReplyDashboard />
          </>
        ) : (
          <WeeklyReport />
        )}
      </div>
    </main>
  );
}
