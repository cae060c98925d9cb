import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useI18n } from '@/components/i18n';
import { useNow } from '@/components/useNow';
import { getDb } from '@/lib/db/database';
import { send } from '@/lib/messaging/client';
import { openWaits } from '@/lib/timers/alerts';

/**
 * "等待中 N · 超时 M" at the top of the popup and the side panel: how many buyers wait now and how
 * many are past their reply target. Clicking brings the longest wait's tab forward and opens that
 * conversation in the console's list.
 */
export function WaitingSummary() {
  const { t } = useI18n();
  const now = useNow(5000);
  const waits = useLiveQuery(() => openWaits(getDb(), Date.now()), []);
  const [missing, setMissing] = useState(false);
  if (!waits) return null;
  const late = waits.filter((w) => w.lateAt <= now).length;
  if (!waits.length)
    return (
      <p className="waiting-summary none" role="status">
        {t('waits.none')}
      </p>
    );
  return (
    <div className="waiting-summary" role="status">
      <button
        type="button"
        className={late ? 'waiting late' : 'waiting'}
        title={t('waits.open')}
        onClick={() =>
          void send('waits.show', {})
            .then((r) => setMissing(!r.shown))
            .catch(() => setMissing(true))
        }
      >
        {t('waits.summary', { waiting: waits.length, late })}
      </button>
      {missing && <span className="muted">{t('waits.noTab')}</span>}
    </div>
  );
}
