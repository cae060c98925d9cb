import { useLiveQuery } from 'dexie-react-hooks';
import { saveSetting } from '@/components/SettingRefused';
import { useMemo, useState } from 'react';
import { download, fileStamp } from '@/components/download';
import { AfterSalesTables, useCaseTypeTitles } from '@/components/cases/AfterSalesReport';
import { useI18n } from '@/components/i18n';
import { afterSalesTables } from '@/lib/cases/report';
import { useNow } from '@/components/useNow';
import { useStored } from '@/components/useStored';
import { getDb } from '@/lib/db/database';
import { loadDashboard, scheduleOf, type DashboardData } from '@/lib/metrics/dashboard';
import { csvText, type Cell } from '@/lib/csv';
import { isoLocalMs } from '@/lib/time';
import { startOfLocalDay } from '@/lib/metrics/today';
import { typingSpeed, weeklyNotes, workSchedule } from '@/lib/settings';
import { formatDay, headlineValue, perDay, secs } from './ReplyDashboard';

// The weekly report (the agent's own weekly record, docs/counting.md for the figures) on one screen
// and in one export: this week against the last, day by day, templates and service-language flags,
// disputes by type (their titles) and outcome, the after-sales playbook's four tables
// (docs/after-sales.md), and the agent's own findings for the week.

/** Local Monday 00:00 of the week containing `at`, shifted by `weeksBack`. */
export function weekStart(at: number, weeksBack = 0): number {
  const d = new Date(startOfLocalDay(at));
  const monday = (d.getDay() + 6) % 7;
  d.setDate(d.getDate() - monday - 7 * weeksBack);
  return d.getTime();
}

function weekRange(start: number) {
  const end = new Date(start);
  end.setDate(end.getDate() + 7);
  return { from: start, to: end.getTime() };
}

export function WeeklyReport() {
  const { t, locale } = useI18n();
  const [weeksBack, setWeeksBack] = useState(0);
  const speed = useStored(typingSpeed);
  const schedule = useStored(workSchedule);
  const notes = useStored(weeklyNotes);
  const today = startOfLocalDay(useNow());
  const start = useMemo(() => weekStart(today, weeksBack), [today, weeksBack]);
  const prevStart = useMemo(() => weekStart(today, weeksBack + 1), [today, weeksBack]);
  const data = useLiveQuery(async () => {
    if (speed === null || !schedule) return undefined;
    const opts = { schedule: scheduleOf(schedule), charsPerMinute: speed };
    const [week, prev] = await Promise.all([
      loadDashboard(getDb(), weekRange(start), opts),
      loadDashboard(getDb(), weekRange(prevStart), opts),
    ]);
    return { week, prev };
  }, [start, prevStart, speed, schedule]);
  const key = String(start);
  const label = t('dash.weekOf', { date: formatDay(start, locale) });

  const rows = data ? comparison(data.week, data.prev, t) : [];
  const typeTitle = useCaseTypeTitles({ ...data?.prev.cases.typeTitles, ...data?.week.cases.typeTitles });
  const tables = data ? afterSalesTables(data.week.afterSales.week, data.prev.afterSales.week, t) : [];
  const exportReport = (kind: 'json' | 'csv') => {
    if (!data) return;
    const report = {
      format: 'deskmate/weekly-report',
      version: 1,
      week: { from: isoLocalMs(start), to: isoLocalMs(weekRange(start).to) },
      figures: rows.map((r) => ({ name: r.name, thisWeek: r.now, lastWeek: r.before })),
      days: data.week.days,
      templates: { uses: data.week.usage.uses, minutesSaved: Math.round(data.week.usage.minutesSaved), top: data.week.usage.top },
      lint: data.week.lint,
      cases: {
        ...data.week.cases,
        byTypeTitle: Object.fromEntries(Object.entries(data.week.cases.byType).map(([id, n]) => [typeTitle(id), n])),
      },
      afterSales: {
        thisWeek: data.week.afterSales.week,
        lastWeek: data.prev.afterSales.week,
        tables: tables.map((x) => ({ id: x.id, title: x.title, columns: x.columns, rows: x.rows })),
      },
      notes: notes?.[key] ?? '',
    };
    if (kind === 'json') download(`deskmate-week-${fileStamp(new Date(start))}.json`, JSON.stringify(report, null, 2), 'application/json');
    else {
      const lines: Cell[][] = [[t('dash.metric'), t('dash.thisWeek'), t('dash.lastWeek')], ...rows.map((r) => [r.name, r.now, r.before])];
      for (const table of tables) lines.push([], [table.title], table.columns, ...table.rows);
      download(`deskmate-week-${fileStamp(new Date(start))}.csv`, csvText(lines), 'text/csv;charset=utf-8');
    }
  };

  return (
    <section aria-labelledby="weekly-title">
      <h2 id="weekly-title">{label}</h2>
      <div className="row wrap">
        <button type="button" onClick={() => setWeeksBack(weeksBack + 1)}>
          {t('dash.prevWeek')}
        </button>
        <button type="button" disabled={weeksBack === 0} onClick={() => setWeeksBack(Math.max(0, weeksBack - 1))}>
          {t('dash.nextWeek')}
        </button>
      </div>
      {!data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <table className="report">
            <caption>{t('dash.weekFigures')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dash.metric')}</th>
                <th scope="col">{t('dash.thisWeek')}</th>
                <th scope="col">{t('dash.lastWeek')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>{r.now}</td>
                  <td>{r.before}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="report">
            <caption>{t('dash.byDay')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dash.day')}</th>
                <th scope="col">{t('dash.consultations')}</th>
                <th scope="col">{t('dash.medianFirst')}</th>
                <th scope="col">{t('dash.timelyRate')}</th>
              </tr>
            </thead>
            <tbody>
              {data.week.days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{formatDay(d.date, locale)}</th>
                  <td>{d.consultations}</td>
                  <td>{secs(d.medianFirstResponse, t)}</td>
                  <td>{d.timelyRate == null ? '–' : `${(d.timelyRate * 100).toFixed(0)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('dash.disputes')}</h3>
          {Object.keys(data.week.cases.byType).length === 0 ? (
            <p className="muted">{t('dash.noDisputes')}</p>
          ) : (
            <ul>
              {Object.entries(data.week.cases.byType)
                .sort((a, b) => b[1] - a[1])
                .map(([type, n]) => (
                  <li key={type}>
                    {typeTitle(type)} ×{n}
                  </li>
                ))}
            </ul>
          )}
          <p>
            {t('dash.casesLine', {
              opened: data.week.cases.opened,
              closed: data.week.cases.closed,
              won: data.week.cases.outcomes.won ?? 0,
              lost: data.week.cases.outcomes.lost ?? 0,
            })}
          </p>
          <AfterSalesTables tables={tables} />
          <label className="block">
            <span>{t('dash.notes')}</span>
            <textarea
              rows={5}
              value={notes?.[key] ?? ''}
              placeholder={t('dash.notesHint')}
              onChange={(e) => void saveSetting('weeklyNotes', { ...(notes ?? {}), [key]: e.target.value })}
            />
          </label>
          <div className="row wrap">
            <button type="button" onClick={() => exportReport('json')}>
              {t('dash.exportJson')}
            </button>
            <button type="button" onClick={() => exportReport('csv')}>
              {t('dash.exportWeekCsv')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function comparison(week: DashboardData, prev: DashboardData, t: ReturnType<typeof useI18n>['t']) {
  const a = week.summaries.combined;
  const b = prev.summaries.combined;
  const pct = (v: number | null) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);
  return [
    { name: t('dash.consultationsPerDay'), now: perDay(a.consultationsPerDay), before: perDay(b.consultationsPerDay) },
    { name: t('dash.consultationsTotal'), now: String(a.consultationsTotal), before: String(b.consultationsTotal) },
    {
      name: t('dash.headlineShort'),
      now: headlineValue(a.headline ?? Object.values(week.summaries.sites)[0]?.headline ?? null, t),
      before: headlineValue(b.headline ?? Object.values(prev.summaries.sites)[0]?.headline ?? null, t),
    },
    { name: t('dash.firstResponse'), now: secs(a.firstResponse.mean, t), before: secs(b.firstResponse.mean, t) },
    { name: t('dash.average'), now: secs(a.averageResponseSec, t), before: secs(b.averageResponseSec, t) },
    { name: t('dash.responseRate'), now: pct(a.responseRate), before: pct(b.responseRate) },
    { name: t('dash.timelyRate'), now: pct(a.timelyRate), before: pct(b.timelyRate) },
    { name: t('dash.longest'), now: secs(a.longestWaitSec || null, t), before: secs(b.longestWaitSec || null, t) },
    { name: t('dash.templatesUsedShort'), now: String(week.usage.uses), before: String(prev.usage.uses) },
    { name: t('dash.minutesSaved'), now: String(Math.round(week.usage.minutesSaved)), before: String(Math.round(prev.usage.minutesSaved)) },
    { name: t('dash.lintShown'), now: String(week.lint.shown), before: String(prev.lint.shown) },
    { name: t('dash.lintFixed'), now: String(week.lint.fixed), before: String(prev.lint.fixed) },
  ];
}
