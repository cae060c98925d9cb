import { useEffect, useState } from 'react';
import { saveSetting, SettingRefusedNotice } from '@/components/SettingRefused';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { send } from '@/lib/messaging/client';
import { disabledHosts } from '@/lib/settings';
import { getDb } from '@/lib/db/database';
import { configName } from '@/lib/sites/names';
import { TodayStats } from './TodayStats';
import { HealthNotice, useActiveTabSiteId, useSiteHealth } from '@/components/sites/HealthNotice';
import { StorageFullNotice } from '@/components/StorageFullNotice';
import { WaitingSummary } from '@/components/WaitingSummary';

function useActiveHost(): string | null | undefined {
  const [host, setHost] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      try {
        const url = new URL(tab?.url ?? '');
        setHost(url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null);
      } catch {
        setHost(null);
      }
    });
  }, []);
  return host;
}

async function openDashboard(): Promise<void> {
  const b = browser as unknown as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (b.sidebarAction) return b.sidebarAction.open();
  const win = await browser.windows.getCurrent();
  if (b.sidePanel && win.id !== undefined) return b.sidePanel.open({ windowId: win.id });
}

/** Opens "Teach this site" in the active tab (the background brings the overlay in if needed). */
async function teachThisSite(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await send('teach.start', { tabId: tab.id });
}

export function Popup() {
  const { t } = useI18n();
  const host = useActiveHost();
  const [disabled, setDisabled] = useState<string[] | null>(null);
  useEffect(() => {
    void disabledHosts.getValue().then(setDisabled);
    return disabledHosts.watch(setDisabled);
  }, []);
  const enabled = host ? !disabled?.includes(host) : false;
  const toggle = async () => {
    if (!host || !disabled) return;
    await saveSetting('disabledHosts', enabled ? [...disabled, host] : disabled.filter((h) => h !== host));
  };
  return (
    <main style={{ width: 320, padding: 14 }}>
      <h1>{t('app.name')}</h1>
      <WaitingSummary />
      <StorageFullNotice className="tm-errors" />
      <SettingRefusedNotice />
      <PopupHealth />
      <TodayStats />
      <h2>{host ? t('popup.thisSite', { host }) : t('popup.notAvailable')}</h2>
      {host && disabled && (
        <label className="row">
          <input type="checkbox" role="switch" checked={enabled} onChange={() => void toggle()} />
          {enabled ? t('common.on') : t('common.off')}
        </label>
      )}
      <div className="row" style={{ marginTop: 12 }}>
        <button type="button" className="primary" onClick={() => void openDashboard()}>
          {t('popup.openDashboard')}
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup.openOptions')}
        </button>
      </div>
      {host && enabled && (
        <button type="button" style={{ marginTop: 12 }} onClick={() => void teachThisSite().then(() => window.close())}>
          {t('teach.title')}
        </button>
      )}
    </main>
  );
}

/** The config of the active tab stopped working: say so, with the way to teach the console again. */
function PopupHealth() {
  const { locale } = useI18n();
  const id = useActiveTabSiteId();
  const health = useSiteHealth(id);
  // The config's name as the options page shows it, not its id.
  const [name, setName] = useState('');
  useEffect(() => {
    if (!id) return;
    void getDb()
      .siteConfigs.get(id)
      .then((r) => setName(r ? configName(r.config, locale) : id))
      .catch(() => setName(id));
  }, [id, locale]);
  return (
    <HealthNotice
      health={health}
      name={name || (id ?? '')}
      className="tm-errors"
      onReteach={() => void teachThisSite().then(() => window.close())}
    />
  );
}
