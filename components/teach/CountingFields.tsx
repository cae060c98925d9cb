import { useId } from 'react';
import { useI18n } from '@/components/i18n';
import type { MessageKey } from '@/lib/i18n';
import { countingProfiles, type CountingProfileKind } from '@/lib/sites/kinds';
import { profileCounting } from '@/lib/sites/teach';

// "Which platform is this console?" in the teach flow: the platform's counting profile, with its
// reply target and counted hours offered for the agent to keep or change (docs/site-config.md,
// "Counting"). Only what differs from the profile is saved, as the config's `counting`.

export const PROFILE_LABELS: Record<CountingProfileKind, MessageKey> = {
  taobao: 'teach.profileTaobao',
  pinduoduo: 'teach.profilePinduoduo',
  douyin: 'teach.profileDouyin',
  jd: 'teach.profileJd',
  helpdesk: 'teach.profileHelpdesk',
};

export interface CountingDraft {
  profile: CountingProfileKind;
  /** As typed (validated on save). */
  targetSec: string;
  from: string;
  to: string;
}

export function countingDraft(profile: CountingProfileKind): CountingDraft {
  const d = profileCounting(profile);
  return { profile, targetSec: String(d.targetSec), from: d.hours.from, to: d.hours.to };
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** The draft as buildConfig takes it, or the problems to show (nothing is saved with them). */
export function readCounting(
  d: CountingDraft,
): { ok: true; targetSec: number; hours: { from: string; to: string } } | { ok: false; problems: ('target' | 'hours')[] } {
  const target = Number(d.targetSec);
  const problems: ('target' | 'hours')[] = [];
  if (!/^\d+$/.test(d.targetSec.trim()) || target < 1 || target > 86400) problems.push('target');
  if (!CLOCK.test(d.from) || !CLOCK.test(d.to)) problems.push('hours');
  return problems.length ? { ok: false, problems } : { ok: true, targetSec: target, hours: { from: d.from, to: d.to } };
}

export function CountingFields({ value, onChange }: { value: CountingDraft; onChange: (next: CountingDraft) => void }) {
  const { t } = useI18n();
  const id = useId();
  const defaults = profileCounting(value.profile);
  return (
    <fieldset className="dm-teach-counting">
      <legend>{t('teach.platformQuestion')}</legend>
      <label htmlFor={`${id}-profile`}>{t('teach.fieldProfile')}</label>
      {/* A new platform brings its own target and hours. */}
      <select id={`${id}-profile`} value={value.profile} onChange={(e) => onChange(countingDraft(e.target.value as CountingProfileKind))}>
        {countingProfiles.map((p) => (
          <option key={p} value={p}>
            {t(PROFILE_LABELS[p])}
          </option>
        ))}
      </select>
      <p className="dm-teach-muted">
        {t('teach.profileDefaults', { target: defaults.targetSec, from: defaults.hours.from, to: defaults.hours.to })}
      </p>
      <label htmlFor={`${id}-target`}>{t('teach.fieldTarget')}</label>
      <input
        id={`${id}-target`}
        type="number"
        min={1}
        max={86400}
        step={1}
        value={value.targetSec}
        onChange={(e) => onChange({ ...value, targetSec: e.target.value })}
      />
      <label htmlFor={`${id}-from`}>{t('teach.fieldHoursFrom')}</label>
      <input
        id={`${id}-from`}
        type="text"
        inputMode="numeric"
        placeholder="08:00"
        value={value.from}
        onChange={(e) => onChange({ ...value, from: e.target.value.trim() })}
      />
      <label htmlFor={`${id}-to`}>{t('teach.fieldHoursTo')}</label>
      <input
        id={`${id}-to`}
        type="text"
        inputMode="numeric"
        placeholder="23:00"
        value={value.to}
        onChange={(e) => onChange({ ...value, to: e.target.value.trim() })}
      />
    </fieldset>
  );
}
