import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useI18n } from '@/components/i18n';
import { useNow } from '@/components/useNow';
import { formatTimeLeft, timeLeft } from '@/lib/cases';
import { openCases } from '@/lib/cases/store';
import { getDb } from '@/lib/db/database';
import { requestPersistentStorage } from '@/lib/quota';

/** Side panel: open cases, the least time left first; overdue ones in red. */
export function OpenCases() {
  const { t, locale } = useI18n();
  const now = useNow(30_000);
  const cases = useLiveQuery(() => openCases(getDb()), []);
  // Open cases hold evidence: ask once that the browser never evicts Deskmate's storage.
  useEffect(() => {
    if (cases?.length) requestPersistentStorage();
  }, [cases?.length]);
  return (
    <section aria-labelledby="open-cases">
      <h2 id="open-cases">{t('caseUi.openCases')}</h2>
      {cases && cases.length === 0 && <p className="muted">{t('caseUi.noOpenCases')}</p>}
      <ol className="open-cases" aria-labelledby="open-cases">
        {cases?.map((c) => {
          const left = c.deadlineAt ? timeLeft(c.deadlineAt, now) : null;
          return (
            <li key={c.id} className={left ? `level-${left.level}` : ''} data-level={left?.level ?? 'none'}>
              <a href={`/case.html?id=${encodeURIComponent(c.id)}`} target="_blank" rel="noreferrer">
                {c.caseTypeTitle ?? c.disputeType} · {c.orderNo}
              </a>
              <span>{left ? formatTimeLeft(left, locale) : t('cases.startUnknown')}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
