import demo from './configs/deskmate-demo.json';
import { parseSiteConfig, type SiteConfig } from './schema';

// Built-in configs are plain JSON files in ./configs, parsed by the same code as the agent's own.
const raw: unknown[] = [demo];

export function builtinSiteConfigs(): SiteConfig[] {
  return raw.map((json) => {
    const r = parseSiteConfig(json);
    if (!r.ok) throw new Error(`Built-in site config is invalid: ${r.errors.join('; ')}`);
    return r.value;
  });
}
