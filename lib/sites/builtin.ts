import chatwoot from './configs/chatwoot.json';
import demo from './configs/deskmate-demo.json';
import douyinFeige from './configs/douyin-feige.json';
import jdDongdong from './configs/jd-dongdong.json';
import pinduoduoChat from './configs/pinduoduo-chat.json';
import taobaoQianniu from './configs/taobao-qianniu.json';
import zendesk from './configs/zendesk.json';
import { parseSiteConfig, type SiteConfig } from './schema';

// Built-in configs are plain JSON files in ./configs, parsed by the same code as the agent's own.
// Only configs backed by saved pages in test/fixtures/sites/<id>/ are "verified" (docs/site-config.md).
// Ordered by id, as the published match index is: Chatwoot's "http://localhost/app/*" comes before
// the demo's "http://localhost/*".
const raw: unknown[] = [chatwoot, demo, douyinFeige, jdDongdong, pinduoduoChat, taobaoQianniu, zendesk];

export function builtinSiteConfigs(): SiteConfig[] {
  return raw.map((json) => {
    const r = parseSiteConfig(json);
    if (!r.ok) throw new Error(`Built-in site config is invalid: ${r.errors.join('; ')}`);
    return r.value;
  });
}
