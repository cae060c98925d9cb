import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { useI18n } from '@/components/i18n';
import { errorText } from '@/lib/i18n/errors';
import type { TemplateRecord } from '@/lib/db/records';
import { send } from '@/lib/messaging/client';
import { templatesRevision } from '@/lib/settings';
import { configName } from '@/lib/sites/names';
import { pageFields } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import { useOverlayStore, type OverlayTab } from './store';
import { LintWatcher } from './LintWatcher';
import { Picker } from './Picker';
import { TimerWatcher } from './TimerWatcher';
import { CasesTab } from './CasesTab';
import { TeachMode } from '@/components/teach/TeachMode';
import { useMatchedConfig } from './useMatchedConfig';
import { useTemplates } from './useTemplates';
import { usePageSnapshot } from './usePageSnapshot';
import { StorageFullNotice } from '@/components/StorageFullNotice';
import { StatusLine } from '@/components/ui/StatusLine';

export function OverlayApp({ ctx }: { ctx: ContentScriptContext }) {
  const { t, locale } = useI18n();
  const { open, tab, setOpen, setTab, picker, pickerSeq, closePicker, teaching, setTeaching, capturing } = useOverlayStore();
  const config = useMatchedConfig();
  const { index, noteUse } = useTemplates();
  const topFrame = window === window.top;
  const launcherRef = useRef<HTMLButtonElement>(null);
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
        <div className="dm-panel" role="dialog" aria-label={t('overlay.panelTitle')} onKeyDown={onKeyDown}>
          <header className="dm-header">
            <strong>{t('overlay.panelTitle')}</strong>
            <button type="button" className="dm-icon" aria-label={t('common.close')} onClick={close}>
              ×
            </button>
          </header>
          <StorageFullNotice className="dm-error" />
          <div role="tablist" className="dm-tabs" aria-label={t('overlay.panelTitle')}>
            {tabs.map((x) => (
              <button
                key={x.id}
                type="button"
                role="tab"
                id={`dm-tab-${x.id}`}
                aria-selected={tab === x.id}
                aria-controls={`dm-tabpanel-${x.id}`}
                tabIndex={tab === x.id ? 0 : -1}
                onClick={() => setTab(x.id)}
                onKeyDown={(e) => {
                  const i = tabs.findIndex((y) => y.id === x.id);
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (step) setTab(tabs[(i + step + tabs.length) % tabs.length]!.id);
                }}
              >
                {x.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`dm-tabpanel-${tab}`} aria-labelledby={`dm-tab-${tab}`} className="dm-body">
            {tab === 'templates' && <TemplatesTab />}
            {tab === 'cases' && <CasesTab ctx={ctx} config={config} />}
            {tab === 'status' && <StatusTab ctx={ctx} config={config} />}
          </div>
        </div>
      )}
      {topFrame && (
      <button
        ref={launcherRef}
        type="button"
        className="dm-launcher"
        aria-label={t('overlay.launcher')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('app.name')}
      </button>
      )}
    </div>
  );
}

function TemplatesTab() {
  const { t } = useI18n();
  const [templates, setTemplates] = useState<TemplateRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [title, setTitle] = useState('');
  const [shortcode, setShortcode] = useState('');
  const [body, setBody] = useState('');

  const refresh = useCallback(() => {
    send('templates.list', { limit: 50 })
      .then(setTemplates)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  // Fresh on open, and whenever any context writes templates (e.g. the default packs installing).
  useEffect(() => {
    refresh();
    return templatesRevision.watch(refresh);
  }, [refresh]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const saved = await send('templates.save', { title, body, shortcode: shortcode || undefined });
      setStatus(t('overlay.added', { title: saved.title }));
      setTitle('');
      setShortcode('');
      setBody('');
      refresh();
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  return (
    <div>
      <p className="dm-muted">{templates ? t('overlay.templatesCount', { count: templates.length }) : t('common.loading')}</p>
      {templates && templates.length === 0 && <p className="dm-muted">{t('overlay.templatesEmpty')}</p>}
      {templates && templates.length > 0 && (
        <ul className="dm-list" aria-label={t('overlay.tabTemplates')}>
          {templates.map((tpl) => (
            <li key={tpl.id}>
              <span className="dm-title">{tpl.title}</span>
              {tpl.shortcode && <code>/{tpl.shortcode}</code>}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} aria-label={t('overlay.quickAdd')}>
        <h3>{t('overlay.quickAdd')}</h3>
        <label>
          <span>{t('overlay.fieldTitle')}</span>
          <input type="text" value={title} required onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          <span>{t('overlay.fieldShortcode')}</span>
          <input type="text" value={shortcode} onChange={(e) => setShortcode(e.target.value)} />
        </label>
        <label>
          <span>{t('overlay.fieldBody')}</span>
          <textarea value={body} required rows={3} onChange={(e) => setBody(e.target.value)} />
        </label>
        <button type="submit" className="dm-primary">
          {t('common.save')}
        </button>
        <StatusLine status={status} error={error} />
      </form>
    </div>
  );
}

function StatusTab({ ctx, config }: { ctx: ContentScriptContext; config: SiteConfig | null }) {
  const { t, locale } = useI18n();
  const snap = usePageSnapshot(ctx, config, true);
  const teach = (
    <button type="button" onClick={() => useOverlayStore.getState().setTeaching(true)}>
      {t('teach.title')}
    </button>
  );
  if (!config)
    return (
      <div>
        <p className="dm-muted">{t('overlay.siteUnknown')}</p>
        {teach}
      </div>
    );
  const customer = snap?.messages.filter((m) => m.sender === 'customer').length ?? 0;
  const agent = snap?.messages.filter((m) => m.sender === 'agent').length ?? 0;
  return (
    <dl className="dm-facts">
      <dt>{t('overlay.site', { name: configName(config, locale) })}</dt>
      <dd>{snap?.conversationId ? t('overlay.conversation', { id: snap.conversationId }) : t('overlay.noConversation')}</dd>
      {snap?.buyerName && <dd>{t('overlay.buyer', { name: snap.buyerName })}</dd>}
      {snap && snap.messages.length > 0 && <dd>{t('overlay.messages', { customer, agent })}</dd>}
      {snap?.orderNo && <dd>{t('overlay.order', { order: snap.orderNo })}</dd>}
      {snap?.disputeType && <dd>{t('overlay.dispute', { type: snap.disputeType })}</dd>}
      <dd>{teach}</dd>
    </dl>
  );
}
