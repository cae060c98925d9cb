import { useStored } from '@/components/useStored';
import { saveSetting, SettingRefusedNotice } from '@/components/SettingRefused';
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { Tabs } from '@/components/ui/Tabs';
import type { LanguageSetting } from '@/lib/i18n';
import { agentProfile, disabledHosts, languageSetting, typingSpeed, type AgentProfile } from '@/lib/settings';
import { LintRulesEditor } from '@/components/templates/LintRulesEditor';
import { TemplateManager } from '@/components/templates/TemplateManager';
import { SiteConfigs } from '@/components/sites/SiteConfigs';
import { TimerSettings } from '@/components/timers/TimerSettings';
import { BackupRestore } from '@/components/BackupRestore';
import { ChecklistDefinitions } from '@/components/cases/ChecklistDefinitions';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

type Tab = 'templates' | 'lint' | 'sites' | 'checklists' | 'general';
const TABS: Tab[] = ['templates', 'lint', 'sites', 'checklists', 'general'];

function tabOfHash(): Tab {
  const hash = location.hash.slice(1) as Tab;
  return TABS.includes(hash) ? hash : 'templates';
}

export function Options() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(tabOfHash);
  // A link or the address bar changing the hash of the open page switches the tab too.
  useEffect(() => {
    const onHash = () => setTab(tabOfHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const labels: Record<Tab, string> = {
    templates: t('options.tabTemplates'),
    lint: t('options.tabLint'),
    sites: t('options.tabSites'),
    checklists: t('checklists.tab'),
    general: t('options.tabGeneral'),
  };
  const select = (next: Tab) => {
    setTab(next);
    history.replaceState(null, '', `#${next}`);
  };
  return (
    <main style={{ maxWidth: 1280, margin: '0 auto', padding: 24 }}>
      <h1>{t('options.title')}</h1>
      <p className="muted">{t('options.privacy')}</p>
      <SettingRefusedNotice />
      <Tabs tabs={TABS.map((id) => ({ id, label: labels[id] }))} selected={tab} onSelect={select} label={t('options.title')} idPrefix="opt">
        {tab === 'templates' && <TemplateManager />}
        {tab === 'lint' && <LintRulesEditor />}
        {tab === 'sites' && <SitesSettings />}
        {tab === 'checklists' && <ChecklistDefinitions />}
        {tab === 'general' && <GeneralSettings />}
      </Tabs>
    </main>
  );
}

function GeneralSettings() {
  const { t } = useI18n();
  const language = useStored(languageSetting);
  const [used, setUsed] = useState<number | null>(null);
  useEffect(() => {
    void navigator.storage?.estimate().then((e) => setUsed(e.usage ?? 0));
  }, []);
  return (
    <div style={{ maxWidth: 640 }}>
      <h2 id="opt-language">{t('options.language')}</h2>
      <select
        aria-labelledby="opt-language"
        value={language ?? 'auto'}
        onChange={(e) => void saveSetting('language', e.target.value as LanguageSetting)}
      >
        <option value="auto">{t('options.languageAuto')}</option>
        <option value="zh-CN">简体中文</option>
        <option value="en">English</option>
      </select>
      <ProfileForm />
      <TypingSpeed />
      <TimerSettings />
      <BackupRestore />
      <h2>{t('options.storage')}</h2>
      <p>{used === null ? t('common.loading') : t('options.storageUsed', { used: formatBytes(used) })}</p>
    </div>
  );
}

function SitesSettings() {
  const { t } = useI18n();
  const disabled = useStored(disabledHosts);
  return (
    <div style={{ maxWidth: 1100 }}>
      <SiteConfigs />
      <h2>{t('options.sitesDisabled')}</h2>
      {disabled && disabled.length === 0 && <p className="muted">{t('options.sitesDisabledNone')}</p>}
      <ul className="plain">
        {disabled?.map((host) => (
          <li key={host} className="row">
            <span>{host}</span>
            <button
              type="button"
              onClick={() =>
                void saveSetting(
                  'disabledHosts',
                  disabled.filter((h) => h !== host),
                )
              }
            >
              {t('options.enable')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TypingSpeed() {
  const { t } = useI18n();
  const speed = useStored(typingSpeed);
  if (speed === null) return null;
  return (
    <label>
      <span>{t('options.typingSpeed')}</span>
      <input
        type="number"
        min={5}
        max={400}
        value={speed}
        onChange={(e) => void saveSetting('typingSpeed', Math.max(5, Math.min(400, Number(e.target.value) || 40)))}
      />
    </label>
  );
}

/** The agent's profile ({{客服}}, {{工号}}, {{店铺}}): each field saves itself as it is typed, like every other setting. */
function ProfileForm() {
  const { t } = useI18n();
  const stored = useStored(agentProfile);
  const [draft, setDraft] = useState<AgentProfile | null>(null);
  const [saved, setSaved] = useState(false);
  const value = draft ?? stored;
  if (!value) return null;
  const field = (key: keyof AgentProfile, label: string) => (
    <label>
      <span>{label}</span>
      <input
        type="text"
        value={value[key]}
        onChange={(e) => {
          const next = { ...value, [key]: e.target.value };
          setDraft(next);
          setSaved(false);
          void saveSetting('agentProfile', next).then(setSaved);
        }}
      />
    </label>
  );
  return (
    <section aria-labelledby="opt-profile">
      <h2 id="opt-profile">{t('options.profile')}</h2>
      {field('agentName', t('options.agentName'))}
      {field('agentId', t('options.agentId'))}
      {field('shopName', t('options.shopName'))}
      <span role="status">{saved ? t('options.saved') : ''}</span>
    </section>
  );
}
