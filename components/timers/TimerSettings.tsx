import { useI18n } from '@/components/i18n';
import { saveSetting } from '@/components/SettingRefused';
import { useStored } from '@/components/useStored';
import { useState } from 'react';
import { caseReminderLeads, retentionDays, timerAlerts, workSchedule, type TimerAlerts } from '@/lib/settings';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Lead times of case deadline reminders, in hours ("12, 2, 0.5"). */
function CaseReminders() {
  const { t } = useI18n();
  const leads = useStored(caseReminderLeads);
  const [draft, setDraft] = useState<string | null>(null);
  if (!leads) return null;
  const text = draft ?? leads.map((m) => String(m / 60)).join(', ');
  const parsed = text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number);
  const valid = parsed.length > 0 && parsed.every((h) => Number.isFinite(h) && h > 0 && h <= 24 * 30);
  return (
    <label>
      <span>{t('timerSettings.caseReminders')}</span>
      <input
        type="text"
        value={text}
        aria-invalid={!valid}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          if (valid)
            void saveSetting(
              'caseReminderLeads',
              [...new Set(parsed.map((h) => Math.round(h * 60)))].sort((a, b) => b - a),
            );
          setDraft(null);
        }}
      />
    </label>
  );
}

/** Options → General: alerts for late waits, quiet hours, working hours, retention. */
export function TimerSettings() {
  const { t } = useI18n();
  const alerts = useStored(timerAlerts);
  const retention = useStored(retentionDays);
  const schedule = useStored(workSchedule);
  if (!alerts || retention === null || !schedule) return null;
  const setAlerts = (patch: Partial<TimerAlerts>) => void saveSetting('timerAlerts', { ...alerts, ...patch });
  const setQuiet = (patch: Partial<TimerAlerts['quiet']>) => setAlerts({ quiet: { ...alerts.quiet, ...patch } });
  const days = [0, 1, 2, 3, 4, 5, 6];
  return (
    <section aria-labelledby="timer-settings">
      <h2 id="timer-settings">{t('timerSettings.title')}</h2>
      <label className="inline">
        <input type="checkbox" checked={alerts.notify} onChange={(e) => setAlerts({ notify: e.target.checked })} />
        {t('timerSettings.notify')}
      </label>
      <label className="inline">
        <input type="checkbox" checked={alerts.sound} onChange={(e) => setAlerts({ sound: e.target.checked })} />
        {t('timerSettings.sound')}
      </label>
      <fieldset>
        <legend>{t('timerSettings.quiet')}</legend>
        <label className="inline">
          <input type="checkbox" checked={alerts.quiet.enabled} onChange={(e) => setQuiet({ enabled: e.target.checked })} />
          {t('timerSettings.quietEnabled')}
        </label>
        <label>
          <span>{t('timerSettings.from')}</span>
          <input type="time" value={alerts.quiet.from} onChange={(e) => CLOCK.test(e.target.value) && setQuiet({ from: e.target.value })} />
        </label>
        <label>
          <span>{t('timerSettings.to')}</span>
          <input type="time" value={alerts.quiet.to} onChange={(e) => CLOCK.test(e.target.value) && setQuiet({ to: e.target.value })} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('timerSettings.schedule')}</legend>
        <div className="row">
          {days.map((d) => (
            <label key={d} className="inline">
              <input
                type="checkbox"
                checked={schedule.days.includes(d)}
                onChange={(e) =>
                  void saveSetting('workSchedule', {
                    ...schedule,
                    days: e.target.checked ? [...schedule.days, d].sort() : schedule.days.filter((x) => x !== d),
                  })
                }
              />
              {t(`weekday.${d}` as 'weekday.0')}
            </label>
          ))}
        </div>
        <label>
          <span>{t('timerSettings.from')}</span>
          <input
            type="time"
            value={schedule.from}
            onChange={(e) => CLOCK.test(e.target.value) && void saveSetting('workSchedule', { ...schedule, from: e.target.value })}
          />
        </label>
        <label>
          <span>{t('timerSettings.to')}</span>
          <input
            type="time"
            value={schedule.to}
            onChange={(e) => CLOCK.test(e.target.value) && void saveSetting('workSchedule', { ...schedule, to: e.target.value })}
          />
        </label>
      </fieldset>
      <CaseReminders />
      <label>
        <span>{t('timerSettings.retention')}</span>
        <input
          type="number"
          min={7}
          max={3650}
          value={retention}
          onChange={(e) => void saveSetting('retentionDays', Math.max(7, Math.min(3650, Math.round(Number(e.target.value)) || 180)))}
        />
      </label>
    </section>
  );
}
