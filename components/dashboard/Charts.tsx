import { useEffect, useRef, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '@/components/i18n';

// Charts for the dashboard. uPlot (≈ 45 kB, canvas, built for time series) draws the trend lines
// and the histogram; the heatmap is a table of coloured cells. Every chart has a text name and its
// numbers in a table under "data" for screen readers and copying.

function useChart(opts: () => Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = Math.max(240, el.clientWidth);
    const chart = new uPlot({ ...opts(), width, height: 180 }, data, el);
    const resize = new ResizeObserver(([entry]) => {
      const w = Math.max(240, Math.floor(entry?.contentRect.width ?? width));
      if (w !== chart.width) chart.setSize({ width: w, height: 180 });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}

function ChartFrame({ label, children, table }: { label: string; children: ReactNode; table: ReactNode }) {
  const { t } = useI18n();
  return (
    <figure className="chart">
      <figcaption>{label}</figcaption>
      <div role="img" aria-label={label}>
        {children}
      </div>
      <details>
        <summary>{t('dash.chartData')}</summary>
        {table}
      </details>
    </figure>
  );
}

export interface TrendPoint {
  label: string;
  dayStart: number;
  values: (number | null)[];
}

/** Daily trend lines (one or two series on their own scales). */
export function TrendChart({
  label,
  series,
  points,
}: {
  label: string;
  series: { name: string; percent?: boolean }[];
  points: TrendPoint[];
}) {
  const data: uPlot.AlignedData = [points.map((p) => p.dayStart / 1000), ...series.map((_, i) => points.map((p) => p.values[i] ?? null))];
  const ref = useChart(
    () => ({
      scales: { x: { time: true }, y: { auto: true }, pct: { range: [0, 100] } },
      axes: [{}, { scale: 'y' }, ...(series.some((s) => s.percent) ? [{ scale: 'pct', side: 1 as const, grid: { show: false } }] : [])],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.name,
          scale: s.percent ? 'pct' : 'y',
          stroke: ['#1a73e8', '#e8710a', '#188038'][i % 3],
          width: 2,
          spanGaps: true,
          value: (_u: uPlot, v: number | null) => (v == null ? '–' : s.percent ? `${v.toFixed(0)}%` : String(Math.round(v))),
        })),
      ],
    }),
    data,
    [JSON.stringify(data), JSON.stringify(series)],
  );
  return (
    <ChartFrame
      label={label}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">—</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.label}>
                <th scope="row">{p.label}</th>
                {p.values.map((v, i) => (
                  <td key={i}>{v == null ? '–' : series[i]?.percent ? `${v.toFixed(0)}%` : Math.round(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <div ref={ref} />
    </ChartFrame>
  );
}

/** Response-time histogram as bars. */
export function HistogramChart({ label, buckets }: { label: string; buckets: { name: string; count: number }[] }) {
  const data: uPlot.AlignedData = [buckets.map((_, i) => i), buckets.map((b) => b.count)];
  const ref = useChart(
    () => ({
      // Counts are whole numbers: no 0.5 ticks. Bucket names get room enough not to overlap at
      // side-panel width (uPlot leaves out labels closer than `space`).
      scales: {
        x: { time: false, range: [-0.5, buckets.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max))] },
      },
      axes: [
        {
          values: (_u, ticks) => ticks.map((v) => (Number.isInteger(v) ? (buckets[v]?.name ?? '') : '')),
          space: 48,
          size: 40,
          incrs: [1, 2, 3, 4, 6, 8, 12],
        },
        {
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000],
          values: (_u, ticks) => ticks.map((v) => (Number.isInteger(v) ? String(v) : '')),
        },
      ],
      series: [
        {},
        { label, fill: 'rgba(26,115,232,0.5)', stroke: '#1a73e8', paths: uPlot.paths.bars?.({ size: [0.8, 60] }), points: { show: false } },
      ],
      legend: { show: false },
    }),
    data,
    [JSON.stringify(buckets)],
  );
  return (
    <ChartFrame
      label={label}
      table={
        <table>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.name}>
                <th scope="row">{b.name}</th>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <div ref={ref} />
    </ChartFrame>
  );
}

/** Weekday × hour-of-day heatmap as a table of shaded cells (each cell names its count). */
export function Heatmap({ label, grid, weekdays }: { label: string; grid: number[][]; weekdays: string[] }) {
  const { t } = useI18n();
  const max = Math.max(1, ...grid.flat());
  // Monday first, as Chinese calendars show weeks.
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <figure className="chart">
      <figcaption id="heatmap-caption">{label}</figcaption>
      <table className="heatmap" aria-labelledby="heatmap-caption">
        <thead>
          <tr>
            <td />
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col">
                {h % 3 === 0 ? h : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {order.map((d) => (
            <tr key={d}>
              <th scope="row">{weekdays[d]}</th>
              {grid[d]!.map((n, h) => (
                <td
                  key={h}
                  title={t('dash.heatCell', { day: weekdays[d]!, hour: h, count: n })}
                  aria-label={t('dash.heatCell', { day: weekdays[d]!, hour: h, count: n })}
                  style={{ background: n ? `rgba(26,115,232,${0.15 + (0.85 * n) / max})` : undefined }}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
