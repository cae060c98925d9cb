import { useState } from 'react';
import { OpenCases } from '@/components/cases/OpenCases';
import { ReplyDashboard } from '@/components/dashboard/ReplyDashboard';
import { WeeklyReport } from '@/components/dashboard/WeeklyReport';
import { useI18n } from '@/components/i18n';
import { Tabs } from '@/components/ui/Tabs';
import { StorageFullNotice } from '@/components/StorageFullNotice';
import { WaitingSummary } from '@/components/WaitingSummary';
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
      <WaitingSummary />
      <StorageFullNotice className="tm-errors" />
      <Tabs tabs={views} selected={view} onSelect={setView} label={t('sidepanel.title')} idPrefix="dash">
        {view === 'overview' ? (
          <>
            <TodayStats />
            <OpenCases />
            <ReplyDashboard />
          </>
        ) : (
          <WeeklyReport />
        )}
      </Tabs>
    </main>
  );
}
