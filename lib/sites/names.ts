import type { SiteConfig } from './schema';

export function configName(config: Pick<SiteConfig, 'name'>, locale: 'en' | 'zh-CN'): string {
  return typeof config.name === 'string' ? config.name : config.name[locale];
}
