import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import type { Checklists } from '@/lib/cases/schema';
import { refundPaths } from '@/lib/cases/details';
import type { ReportTable } from '@/lib/cases/report';
import type { AfterSalesKpis } from '@/lib/cases/report';
import type { Translate } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';

// The after-sales parts of the weekly report and the dashboard (docs/after-sales.md): the
// playbook's four tables, this week beside last, and the methodology's KPIs.

export function AfterSalesTables({ tables }: { tables: ReportTable[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="after-sales-title">
      <h3 id="after-sales-title">{t('afterSales.title')}</h3>
      {tables.map((table) => (
        <table className="report" key={table.id} data-table={table.id}>
          <caption>{table.title}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length} className="muted">
                  {t('afterSales.noRows')}
                </td>
              </tr>
            ) : (
              table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th scope="row" key={j}>
                        {cell}
                      </th>
                    ) : (
                      <td key={j}>{cell}</td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      ))}
    </section>
  );
}

const pct = (v: number | null) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);

function hoursText(h: number | null, t: Translate): string {
  if (h == null) return '–';
  const d = Math.floor(h / 24);
  const rest = h - d * 24;
  return d > 0
    ? `${t('cases.duration.days', { n: d })}${t('cases.duration.hours', { n: Math.round(rest) })}`
    : t('cases.duration.hours', { n: Math.round(h * 10) / 10 });
}

export function AfterSalesKpiTiles({ kpis }: { kpis: AfterSalesKpis }) {
  const { t } = useI18n();
  const c = kpis.complaints;
  return (
    <>
      <h3>{t('afterSales.kpi.title')}</h3>
      <dl className="tiles">
        {refundPaths.map((p) => (
          <div className="tile" key={p}>
            <dt>{t('afterSales.kpi.completion', { path: t(`afterSales.path.${p}`) })}</dt>
            <dd>
              <strong>{hoursText(kpis.completionByPath[p].meanHours, t)}</strong>
              <span className="muted">{t('afterSales.kpi.count', { n: kpis.completionByPath[p].count })}</span>
            </dd>
          </div>
        ))}
        <div className="tile">
          <dt>{t('afterSales.kpi.selfRate')}</dt>
          <dd>
            <strong>{pct(kpis.selfCompletionRate)}</strong>
            <span className="muted">{t('afterSales.kpi.ofClosed', { n: kpis.selfCompleted, closed: kpis.closed })}</span>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('afterSales.kpi.disputeRate')}</dt>
          <dd>
            <strong>{pct(kpis.disputeRate)}</strong>
            <span className="muted">{t('afterSales.kpi.ofClosed', { n: kpis.disputes, closed: kpis.closed })}</span>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('afterSales.kpi.complaints')}</dt>
          <dd>
            <strong>{pct(c.rate)}</strong>
            <span className="muted">
              {t('afterSales.kpi.complaintsSub', { inTime: c.inTime, judged: c.inTime + c.late, pending: c.pending })}
            </span>
          </dd>
        </div>
      </dl>
    </>
  );
}

/** Case type id → title in the agent's language (the current definitions, else the title stored on the cases). */
export function useCaseTypeTitles(stored: Record<string, string> = {}): (id: string) => string {
  const { locale } = useI18n();
  const [defs, setDefs] = useState<Checklists | null>(null);
  useEffect(() => {
    let alive = true;
    send('cases.definitions', { language: locale })
      .then((d) => alive && setDefs(d))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [locale]);
  return (id) => defs?.caseTypes.find((c) => c.id === id)?.title ?? stored[id] ?? id;
}
