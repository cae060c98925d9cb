import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { useI18n } from '@/components/i18n';
import { send } from '@/lib/messaging/client';
import { configName } from '@/lib/sites/names';
import { pageFields } from '@/lib/sites/extract';
import { useOverlayStore, type OverlayTab } from './store';
import { LintWatcher } from './LintWatcher';
import { Picker } from './Picker';
import { TimerWatcher } from './TimerWatcher';
import { CasesTab } from './CasesTab';
import { Launcher } from './Launcher';
import { StatusTab } from './StatusTab';
import { TemplatesTab } from './TemplatesTab';
import { useLastField } from './useLastField';
import { TeachMode } from '@/components/teach/TeachMode';
import { useMatchedConfig } from './useMatchedConfig';
import { HealthNotice, useSiteHealth } from '@/components/sites/HealthNotice';
import { useTemplates } from './useTemplates';
import { StorageFullNotice } from '@/components/StorageFullNotice';
import { Tabs } from '@/components/ui/Tabs';
import { useStored } from '@/components/useStored';
import { launcherPosition } from '@/lib/settings/launcher';

export function OverlayApp({ ctx }: { ctx: ContentScriptContext }) {
  const { t, locale } = useI18n();
  const { open, tab, setOpen, setTab, picker, pickerSeq, closePicker, teaching, setTeaching, capturing } = useOverlayStore();
  const { config, resolution } = useMatchedConfig();
  const { index, noteUse } = useTemplates();
  const topFrame = window === window.top;
  const launcherRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // The field the agent last typed in, and where its caret was when focus left it (for the panel).
  const lastField = useLastField();
  const position = useStored(launcherPosition) ?? { side: 'right', y: 0.4 };
  // Opening the panel moves focus into it (onto the selected tab); Escape gives it back.
  const panelShown = topFrame && open && !teaching;
  useEffect(() => {
    if (panelShown) panelRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }, [panelShown]);
  const close = useCallback(() => {
    setOpen(false);
    launcherRef.current?.focus();
  }, [setOpen]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };

  // On an order or refund page a config recognises (an order number, no conversation), the panel
  // opens on that order's case. In the chat console it stays on the templates.
  useEffect(() => {
    if (!config?.selectors.orderNo) return;
    const fields = pageFields(config, document, location.href);
    if (fields.orderNo && !fields.conversationId) useOverlayStore.getState().setTab('cases');
  }, [config]);

  const tabs: { id: OverlayTab; label: string }[] = [
    { id: 'templates', label: t('overlay.tabTemplates') },
    { id: 'cases', label: t('caseUi.tab') },
    { id: 'status', label: t('overlay.tabStatus') },
  ];

  return (
    <div className="dm-root" lang={locale} style={capturing ? { visibility: 'hidden' } : undefined}>
      {config && <LintWatcher ctx={ctx} config={config} />}
      {config && <TimerWatcher ctx={ctx} config={config} />}
      {picker && <Picker key={pickerSeq} request={picker} index={index} config={config} onClose={closePicker} onUsed={noteUse} />}
      {topFrame && teaching && (
        <TeachMode
          doc={document}
          url={location.href}
          onSave={async (taught) => {
            await send('sites.save', { config: taught });
            setTeaching(false);
            useOverlayStore.getState().sitesChanged();
          }}
          onCancel={() => setTeaching(false)}
        />
      )}
      {topFrame && open && !teaching && (
        <div
          ref={panelRef}
          className={`dm-panel dm-panel-${position.side}`}
          role="dialog"
          aria-label={t('overlay.panelTitle')}
          onKeyDown={onKeyDown}
        >
          <header className="dm-header">
            <strong>{t('overlay.panelTitle')}</strong>
            <button type="button" className="dm-icon" aria-label={t('common.close')} onClick={close}>
              ×
            </button>
          </header>
          <StorageFullNotice className="dm-error" />
          {config && <OverlayHealth id={config.id} name={configName(config, locale)} />}
          <Tabs
            tabs={tabs}
            selected={tab}
            onSelect={setTab}
            label={t('overlay.panelTitle')}
            idPrefix="dm"
            className="dm-tabs"
            panelClassName="dm-body"
          >
            {tab === 'templates' && <TemplatesTab index={index} config={config} lastField={() => lastField.current} />}
            {tab === 'cases' && <CasesTab ctx={ctx} config={config} />}
            {tab === 'status' && <StatusTab ctx={ctx} config={config} resolution={resolution} />}
          </Tabs>
        </div>
      )}
      {topFrame && <Launcher buttonRef={launcherRef} open={open} onToggle={() => setOpen(!open)} position={position} />}
    </div>
  );
}

/** The config stopped finding what it needs here: say so, and offer to teach the console again. */
function OverlayHealth({ id, name }: { id: string; name: string }) {
  const health = useSiteHealth(id);
  return <HealthNotice health={health} name={name} className="dm-error" onReteach={() => useOverlayStore.getState().setTeaching(true)} />;
}
