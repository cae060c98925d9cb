import chatwoot from './configs/chatwoot.json';
import demo from './configs/deskmate-demo.json';
import douyinFeige from './configs/douyin-feige.json';
import jdDongdong from './configs/jd-dongdong.json';
import pinduoduoChat from './configs/pinduoduo-chat.json';
import zendesk from './configs/zendesk.json';
import { parseSiteConfig, type SiteConfig } from './schema';

// Built-in configs are plain JSON files in ./configs, parsed by the same code as the agent's own.
// Only configs backed by saved pages in test/fixtures/sites/<id>/ are "verified"; configs written
// from public evidence (with pages rebuilt from it there) are "evidence-based" (docs/site-config.md).
// No 千牛 config: the desktop client cannot be reached and no live web reception page is documented.
// Ordered by id, as the published match index is: Chatwoot's "http://localhost/app/*" comes before
// the demo's "http://localhost/*".
const raw: unknown[] = [chatwoot, demo, douyinFeige, jdDongdong, pinduoduoChat, zendesk];

export function builtinSiteConfigs(): SiteConfig[] {
  return raw.map((json) => {
    const r = parseSiteConfig(json);
    if (!r.ok) throw new Error(`Built-in site config is invalid: ${r.errors.join('; ')}`);
    return r.value;
  });
}
