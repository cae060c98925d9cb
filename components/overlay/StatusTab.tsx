import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { useI18n } from '@/components/i18n';
import { configName } from '@/lib/sites/names';
import type { SiteConfig } from '@/lib/sites/schema';
import { useOverlayStore } from './store';
import { SiteChoice } from './SiteChoice';
import { usePageSnapshot } from './usePageSnapshot';
import type { MatchedConfig } from './useMatchedConfig';

/** The 状态 tab: which console config applies here and what it reads on the page now; "teach this site". */
export function StatusTab({
  ctx,
  config,
  resolution,
}: {
  ctx: ContentScriptContext;
  config: SiteConfig | null;
  resolution: MatchedConfig['resolution'];
}) {
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
      {resolution && (
        <dd>
          <SiteChoice resolution={resolution} />
        </dd>
      )}
      {/* The conversation's internal id means nothing to the agent: only whether one is recognised. */}
      <dd>{snap?.conversationId ? t('overlay.conversation') : t('overlay.noConversation')}</dd>
      {snap?.buyerName && <dd>{t('overlay.buyer', { name: snap.buyerName })}</dd>}
      {snap && snap.messages.length > 0 && <dd>{t('overlay.messages', { customer, agent })}</dd>}
      {snap?.orderNo && <dd>{t('overlay.order', { order: snap.orderNo })}</dd>}
      {snap?.disputeType && <dd>{t('overlay.dispute', { type: snap.disputeType })}</dd>}
      <dd>{teach}</dd>
    </dl>
  );
}
