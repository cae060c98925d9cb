import { FileButton } from '@/components/FileButton';
import { LastMatch } from '@/components/sites/HealthNotice';
import { useStored } from '@/components/useStored';
import { siteHealth } from '@/lib/settings';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { download, fileStamp } from '@/components/download';
import { ErrorList } from '@/components/ErrorList';
import { useI18n } from '@/components/i18n';
import { getDb } from '@/lib/db/database';
import type { SiteConfigRecord } from '@/lib/db/records';
import { countingFor, formatClock } from '@/lib/sites/counting';
import { configName } from '@/lib/sites/names';
import {
  countingProfiles,
  domSelectorChecker,
  parseSiteConfig,
  siteStatus,
  type CountingProfileKind,
  type SiteConfig,
} from '@/lib/sites/schema';
import { readFileText } from '@/lib/validate';
import {
  exportSiteConfigs,
  MAX_CONFIG_FILE,
  parseSiteConfigFile,
  removeUserSiteConfig,
  saveUserSiteConfigs,
  setSiteEnabled,
} from '@/lib/sites/store';

/** A config's status as text (never colour alone); an evidence-based one names its sources. */
function SiteStatusBadge({ config }: { config: SiteConfig }) {
  const { t } = useI18n();
  const status = siteStatus(config);
  if (status === 'verified') return <span className="badge ok">{t('options.siteVerified')}</span>;
  if (status === 'unverified' || !config.evidence) return <span className="badge warn">{t('options.siteUnverified')}</span>;
  const detail = t('sites.evidenceTitle', { date: config.evidence.checked, sources: config.evidence.sources.join('; ') });
  return (
    <>
      <span className="badge">{t('sites.statusEvidence')}</span>
      <div className="muted">{detail}</div>
    </>
  );
}

/** Options → Sites: the site configs (built-in and the agent's), on/off, counting numbers, import/export. */
export function SiteConfigs() {
  const { t, locale } = useI18n();
  const sites = useLiveQuery(() => getDb().siteConfigs.toArray(), []);
  // Each config's last successful read on a console (lib/sites/health.ts, kept by the background).
  const health = useStored(siteHealth);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<string | null>(null);

  const onFile = async (file: File) => {
    setErrors([]);
    setStatus('');
    // Refused before reading when too large; validated whole before anything is saved.
    const text = await readFileText(file, MAX_CONFIG_FILE);
    const r = text.ok ? parseSiteConfigFile(text.value, domSelectorChecker(document)) : text;
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    await saveUserSiteConfigs(getDb(), r.value);
    setStatus(t('sites.imported', { count: r.value.length, file: file.name }));
  };

  const exportAll = () => {
    if (!sites) return;
    download(`deskmate-sites-${fileStamp()}.json`, exportSiteConfigs(sites.map((s) => s.config)), 'application/json');
  };

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('options.sites')}</h2>
      <p className="muted">{t('sites.help')}</p>
      <p className="muted">{t('sites.qianniu')}</p>
      <div className="row">
        <FileButton label={t('sites.import')} accept=".json,application/json" onFile={(file) => void onFile(file)} />
        <button type="button" onClick={exportAll} disabled={!sites?.length}>
          {t('sites.exportAll')}
        </button>
      </div>
      <p role="status" className="muted">
        {status}
      </p>
      <ErrorList errors={errors} heading={t('sites.importRejected')} />
      <table className="sites-table">
        <thead>
          <tr>
            <th scope="col">{t('sites.colName')}</th>
            <th scope="col">{t('sites.colStatus')}</th>
            <th scope="col">{t('sites.colProfile')}</th>
            <th scope="col">{t('sites.colMatches')}</th>
            <th scope="col">{t('sites.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {sites?.map((s) => {
            const name = configName(s.config, locale);
            const counting = countingFor(s.config);
            return (
              <tr key={s.id}>
                <th scope="row">
                  <label className="inline">
                    <input
                      type="checkbox"
                      checked={s.enabled === 1}
                      aria-label={t('sites.enable', { name })}
                      onChange={(e) => void setSiteEnabled(getDb(), s.id, e.target.checked)}
                    />
                    {name}
                  </label>
                  {s.source === 'user' && <span className="badge">{t('sites.own')}</span>}
                </th>
                <td>
                  <SiteStatusBadge config={s.config} />
                  <div>
                    <LastMatch health={health?.[s.id] ?? null} />
                  </div>
                </td>
                <td>
                  {t(`profile.${s.config.profile}`)}
                  <div className="muted">{t('sites.targetShort', { sec: counting.targetSec })}</div>
                </td>
                <td>
                  <code className="muted">{s.config.matches.join(' ')}</code>
                </td>
                <td>
                  <div className="row">
                    {/* The row names the site: the visible labels do not repeat it; their accessible names do. */}
                    <button
                      type="button"
                      aria-label={t('sites.editCounting', { name })}
                      aria-expanded={editing === s.id}
                      onClick={() => setEditing(editing === s.id ? null : s.id)}
                    >
                      {t('sites.editCountingShort')}
                    </button>
                    <button
                      type="button"
                      aria-label={t('sites.export', { name })}
                      onClick={() => download(`deskmate-site-${s.id}.json`, JSON.stringify(s.config, null, 2), 'application/json')}
                    >
                      {t('sites.exportShort')}
                    </button>
                    {s.source === 'user' && (
                      <button
                        type="button"
                        aria-label={t('sites.remove', { name })}
                        onClick={() => void removeUserSiteConfig(getDb(), s.id)}
                      >
                        {t('sites.removeShort')}
                      </button>
                    )}
                  </div>
                  {editing === s.id && <CountingForm record={s} onDone={() => setEditing(null)} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Every counting number of one site config, editable; saved as the agent's own copy. */
function CountingForm({ record, onDone }: { record: SiteConfigRecord; onDone(): void }) {
  const { t } = useI18n();
  const current = countingFor(record.config);
  const [profile, setProfile] = useState<CountingProfileKind>(record.config.profile);
  const [targetSec, setTarget] = useState(String(current.targetSec));
  const [capSec, setCap] = useState(String(current.capSec));
  const [gapSec, setGap] = useState(String(current.sessionGapSec));
  const [from, setFrom] = useState(formatClock(current.hours.from));
  const [to, setTo] = useState(formatClock(current.hours.to));
  const [clock, setClock] = useState(current.clock);
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: SiteConfig = {
      ...record.config,
      profile,
      counting: { targetSec: Number(targetSec), capSec: Number(capSec), sessionGapSec: Number(gapSec), hours: { from, to }, clock },
    };
    const r = parseSiteConfig(next);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    await saveUserSiteConfigs(getDb(), [r.value]);
    onDone();
  };

  return (
    <form className="counting-form" onSubmit={(e) => void submit(e)} aria-label={t('sites.countingForm')}>
      <label>
        <span>{t('sites.profile')}</span>
        <select value={profile} onChange={(e) => setProfile(e.target.value as CountingProfileKind)}>
          {countingProfiles.map((p) => (
            <option key={p} value={p}>
              {t(`profile.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('sites.targetSec')}</span>
        <input type="number" min={1} value={targetSec} onChange={(e) => setTarget(e.target.value)} />
      </label>
      {/* Only the numbers the chosen platform's rule uses (docs/counting.md); the others keep their values. */}
      {profile === 'taobao' && (
        <label>
          <span>{t('sites.capSec')}</span>
          <input type="number" min={1} value={capSec} onChange={(e) => setCap(e.target.value)} />
        </label>
      )}
      {(profile === 'douyin' || profile === 'jd') && (
        <label>
          <span>{t('sites.sessionGapSec')}</span>
          <input type="number" min={0} value={gapSec} onChange={(e) => setGap(e.target.value)} />
        </label>
      )}
      <label>
        <span>{t('sites.hoursFrom')}</span>
        <input type="text" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        <span>{t('sites.hoursTo')}</span>
        <input type="text" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      {profile === 'helpdesk' && (
        <label>
          <span>{t('sites.clock')}</span>
          <select value={clock} onChange={(e) => setClock(e.target.value as 'calendar' | 'business')}>
            <option value="calendar">{t('sites.clockCalendar')}</option>
            <option value="business">{t('sites.clockBusiness')}</option>
          </select>
        </label>
      )}
      <ErrorList errors={errors} />
      <div className="row">
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
