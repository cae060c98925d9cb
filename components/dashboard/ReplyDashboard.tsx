import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { download, fileStamp } from '@/components/download';
import { AfterSalesKpiTiles } from '@/components/cases/AfterSalesReport';
import { useI18n } from '@/components/i18n';
import { useNow } from '@/components/useNow';
import { useStored } from '@/components/useStored';
import { getDb } from '@/lib/db/database';
import type { Translate } from '@/lib/i18n';
import { formatClock } from '@/lib/sites/counting';
import { loadDashboard, scheduleOf, type DashboardData } from '@/lib/metrics/dashboard';
import { dailyToCsv, eventsToCsv, summaryToCsv, toEvents, toJson } from '@/lib/metrics/export';
import type { Headline, Range, Summary } from '@/lib/metrics/summary';
import { startOfLocalDay } from '@/lib/metrics/today';
import { configName } from '@/lib/sites/names';
import { openWaitsBySite, typingSpeed, workSchedule } from '@/lib/settings';
import { HistogramChart, Heatmap, TrendChart } from './Charts';

// The reply-speed and template dashboard of the side panel: a range (today, 7 or 28 days, any
// dates), a site, the platform's headline with the rule that produced it, the figures, charts,
// and the export.

type Preset = 'today' | '7d' | '28d' | 'custom';
const DAY = 86_400_000;

export function rangeFor(preset: Preset, now: number, custom: { from: string; to: string }): Range {
  const today = startOfLocalDay(now);
  if (preset === 'today') return { from: today, to: today + DAY };
  if (preset === '7d') return { from: startOfLocalDay(today - 6 * DAY + DAY / 2), to: today + DAY };
  if (preset === '28d') return { from: startOfLocalDay(today - 27 * DAY + DAY / 2), to: today + DAY };
  const from = new Date(`${custom.from}T00:00:00`).getTime();
  const to = new Date(`${custom.to}T00:00:00`).getTime();
  return { from: Number.isFinite(from) ? from : today, to: (Number.isFinite(to) ? to : today) + DAY };
}

const pct = (v: number | null | undefined) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);
/** A daily mean: whole numbers as they are, others to one decimal. */
export const perDay = (v: number | null | undefined) => (v == null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(1));
export function secs(v: number | null | undefined, t: Translate): string {
  if (v == null) return '–';
  if (v < 60) return t('dash.sec', { n: v.toFixed(v < 10 ? 1 : 0) });
  if (v < 3600) return t('dash.min', { m: Math.floor(v / 60), s: Math.round(v % 60) });
  return t('dash.hour', { h: Math.floor(v / 3600), m: Math.round((v % 3600) / 60) });
}

/** "Taobao: 3-minute response rate = rounds answered ≤ 180 s ÷ rounds; …" */
export function ruleText(h: Headline, t: Translate): string {
  const p = h.params;
  const hours = p.clock === 'business' ? t('dash.ruleBusiness') : `${formatClock(p.hours.from)}–${formatClock(p.hours.to)}`;
  return t(`dash.rule.${p.profile}`, { target: p.targetSec, cap: p.capSec ?? 0, gap: p.sessionGapSec ?? 0, hours });
}

/** A date in the agent's language, one format everywhere (zh-CN 2026/11/30, en 11/30/2026). */
export function formatDay(day: number | string, locale: string): string {
  const d =
    typeof day === 'number'
      ? new Date(day)
      : (() => {
          const [y, m, dd] = day.split('-').map(Number);
          return new Date(y!, (m ?? 1) - 1, dd ?? 1);
        })();
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A histogram bound in the dashboard's one unit style ("10 秒", "2 分" / "10 s", "2 min"). */
export function shortDuration(sec: number, t: Translate): string {
  return sec >= 60 && sec % 60 === 0 ? t('dash.minShort', { m: sec / 60 }) : t('dash.sec', { n: sec });
}

export function headlineValue(h: Headline | null, t: Translate): string {
  if (!h || h.value == null) return '–';
  return h.unit === 'ratio' ? pct(h.value) : secs(h.value, t);
}

export function ReplyDashboard() {
  const { t, locale } = useI18n();
  const [preset, setPreset] = useState<Preset>('today');
  const [custom, setCustom] = useState(() => {
    const d = new Date();
    const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return { from: iso, to: iso };
  });
  const [siteId, setSiteId] = useState<string>('');
  const speed = useStored(typingSpeed);
  const schedule = useStored(workSchedule);
  const sites = useLiveQuery(() => getDb().siteConfigs.toArray(), []);
  // Waits are written by the background's hot path outside Dexie's live queries: the open
  // waits it publishes after every start or end of a wait are the signal to recount.
  const waitsSignal = useStored(openWaitsBySite);
  const now = useNow();
  const day = startOfLocalDay(now);
  const range = useMemo(() => rangeFor(preset, day, custom), [preset, day, custom]);
  const data = useLiveQuery(
    () =>
      speed === null || !schedule
        ? undefined
        : loadDashboard(getDb(), range, { siteId: siteId || null, schedule: scheduleOf(schedule), charsPerMinute: speed }),
    [range.from, range.to, siteId, speed, schedule, waitsSignal],
  );
  const presets: { id: Preset; label: string }[] = [
    { id: 'today', label: t('dash.today') },
    { id: '7d', label: t('dash.7d') },
    { id: '28d', label: t('dash.28d') },
    { id: 'custom', label: t('dash.custom') },
  ];

  return (
    <section aria-labelledby="dash-replies">
      <h2 id="dash-replies">{t('dash.replies')}</h2>
      <div className="row wrap" role="group" aria-label={t('dash.range')}>
        {presets.map((p) => (
          <button key={p.id} type="button" aria-pressed={preset === p.id} onClick={() => setPreset(p.id)}>
            {p.label}
          </button>
        ))}
      </div>
      {preset === 'custom' && (
        <div className="row wrap">
          <label>
            <span>{t('dash.from')}</span>
            <input type="date" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
          </label>
          <label>
            <span>{t('dash.to')}</span>
            <input type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
          </label>
        </div>
      )}
      <label>
        <span>{t('dash.site')}</span>
        <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
          <option value="">{t('dash.allSites')}</option>
          {sites?.map((s) => (
            <option key={s.id} value={s.id}>
              {configName(s.config, locale)}
            </option>
          ))}
        </select>
      </label>
      {!data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <Figures data={data} names={Object.fromEntries((sites ?? []).map((x) => [x.id, configName(x.config, locale)]))} />
      )}
    </section>
  );
}

function Figures({ data, names }: { data: DashboardData; names: Record<string, string> }) {
  const { t, locale } = useI18n();
  const s: Summary = data.summaries.combined;
  const siteSummaries = Object.entries(data.summaries.sites);
  const headlines = siteSummaries.filter(([, x]) => x.headline).map(([id, x]) => ({ id, h: x.headline! }));
  const weekdays = [0, 1, 2, 3, 4, 5, 6].map((d) => t(`weekday.${d}` as 'weekday.0'));
  const tiles = [
    // 接待量 for a period is the daily mean of consultations, with the total beside it (docs/counting.md).
    { label: t('dash.consultationsPerDay'), value: perDay(s.consultationsPerDay), sub: t('dash.totalN', { n: s.consultationsTotal }) },
    {
      label: t('dash.firstResponse'),
      value: secs(s.firstResponse.mean, t),
      sub: t('dash.medianP90', { median: secs(s.firstResponse.median, t), p90: secs(s.firstResponse.p90, t) }),
    },
    { label: t('dash.average'), value: secs(s.averageResponseSec, t) },
    { label: t('dash.responseRate'), value: pct(s.responseRate) },
    { label: t('dash.timelyRate'), value: pct(s.timelyRate) },
    { label: t('dash.longest'), value: secs(s.longestWaitSec || null, t) },
  ];

  const exportJson = () => {
    const events = toEvents(data.waits, data.range, data.settingsBySite);
    const json = toJson(events, data.summaries, { range: data.range, settings: data.settingsBySite });
    download(`deskmate-metrics-${fileStamp()}.json`, JSON.stringify(json, null, 2), 'application/json');
  };
  const exportCsv = (what: 'events' | 'summary' | 'daily') => {
    const text =
      what === 'events'
        ? eventsToCsv(toEvents(data.waits, data.range, data.settingsBySite))
        : what === 'summary'
          ? summaryToCsv(data.summaries)
          : dailyToCsv(data.days);
    download(`deskmate-${what}-${fileStamp()}.csv`, `\uFEFF${text}`, 'text/csv;charset=utf-8');
  };

  return (
    <>
      {headlines.length === 0 && <p className="muted">{t('dash.noWaits')}</p>}
      {headlines.map(({ id, h }) => (
        <div className="headline" key={id}>
          <div>
            <span className="muted">{t(`dash.headline.${h.kind}` as 'dash.headline.taobao.threeMinuteRate')}</span>
            <strong aria-label={t(`dash.headline.${h.kind}` as 'dash.headline.taobao.threeMinuteRate')}>{headlineValue(h, t)}</strong>
            <span className="muted">
              {t('dash.ofUnits', { n: h.numerator, d: h.denominator })} · {names[id] ?? id}
            </span>
          </div>
          {/* Why the figure is empty, beside it rather than three blocks lower. */}
          {h.denominator === 0 && (data.summaries.sites[id]?.outsideHours ?? 0) > 0 && (
            <p className="headline-why">{t('dash.outsideHours', { n: data.summaries.sites[id]!.outsideHours })}</p>
          )}
          <p className="rule">{ruleText(h, t)}</p>
        </div>
      ))}
      <dl className="tiles">
        {tiles.map((x) => (
          <div className="tile" key={x.label}>
            <dt>{x.label}</dt>
            <dd>
              <strong>{x.value}</strong>
              {x.sub && <span className="muted">{x.sub}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {s.outsideHours > 0 && !headlines.some(({ h }) => h.denominator === 0) && (
        <p className="muted">{t('dash.outsideHours', { n: s.outsideHours })}</p>
      )}
      {s.carriedOver > 0 && <p className="muted">{t('dash.carriedOver', { n: s.carriedOver })}</p>}

      {data.days.length > 1 && (
        <TrendChart
          label={t('dash.trend')}
          series={[{ name: t('dash.consultations') }, { name: t('dash.timelyRate'), percent: true }]}
          points={data.days.map((d) => ({
            label: formatDay(d.date, locale),
            dayStart: d.dayStart,
            values: [d.consultations, d.timelyRate == null ? null : d.timelyRate * 100],
          }))}
        />
      )}
      <HistogramChart
        label={t('dash.histogram')}
        buckets={data.histogram.map((b) => ({
          name: b.toSec === Infinity ? `>${shortDuration(b.fromSec, t)}` : `≤${shortDuration(b.toSec, t)}`,
          count: b.count,
        }))}
      />
      <Heatmap label={t('dash.heatmap')} grid={data.heatmap} weekdays={weekdays} />
      <HistogramChart label={t('dash.repliesByHour')} buckets={s.repliesByHour.map((count, h) => ({ name: `${h}`, count }))} />

      <h3>{t('dash.cases')}</h3>
      <dl className="tiles">
        <div className="tile">
          <dt>{t('dash.casesOpened')}</dt>
          <dd>
            <strong>{data.cases.opened}</strong>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('dash.casesClosed')}</dt>
          <dd>
            <strong>{data.cases.closed}</strong>
            <span className="muted">
              {(['won', 'lost', 'refunded', 'withdrawn'] as const)
                .map((o) => `${t(`cases.outcome.${o}`)} ${data.cases.outcomes[o] ?? 0}`)
                .join(' · ')}
            </span>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('dash.winRate')}</dt>
          <dd>
            <strong>{data.cases.closed ? pct((data.cases.outcomes.won ?? 0) / data.cases.closed) : '–'}</strong>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('dash.deadlinesMet')}</dt>
          <dd>
            <strong>{data.cases.deadlinesDue ? `${data.cases.deadlinesMet} / ${data.cases.deadlinesDue}` : '–'}</strong>
          </dd>
        </div>
      </dl>

      <AfterSalesKpiTiles kpis={data.afterSales.kpis} />

      <h3>{t('dash.templates')}</h3>
      <p>
        {t('dash.templatesUsed', { n: data.usage.uses })} ·{' '}
        {t('sidepanel.saved', { minutes: Math.round(data.usage.minutesSaved), chars: data.usage.chars })}
      </p>
      <ol aria-label={t('sidepanel.topTemplates')}>
        {data.usage.top.map((x) => (
          <li key={x.templateId}>
            {x.title} <span className="muted">×{x.uses}</span>
          </li>
        ))}
      </ol>
      <p>{t('dash.lint', { shown: data.lint.shown, fixed: data.lint.fixed })}</p>

      <h3>{t('dash.export')}</h3>
      <p className="muted">{t('dash.exportNote')}</p>
      <div className="row wrap">
        <button type="button" onClick={exportJson}>
          {t('dash.exportJson')}
        </button>
        <button type="button" onClick={() => exportCsv('events')}>
          {t('dash.exportEvents')}
        </button>
        <button type="button" onClick={() => exportCsv('summary')}>
          {t('dash.exportSummary')}
        </button>
        <button type="button" onClick={() => exportCsv('daily')}>
          {t('dash.exportDaily')}
        </button>
      </div>
    </>
  );
}
