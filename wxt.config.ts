import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

// Deskmate's manifest. Every permission is justified in README.md ("Permissions").
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'Deskmate',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'scripting', 'alarms', 'notifications'],
    // <all_urls> rather than http/https patterns: tabs.captureVisibleTab (evidence screenshots)
    // requires exactly this host permission (or a user gesture on the toolbar button).
    host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_extName__' },
    commands: {
      'open-picker': {
        suggested_key: { default: 'Alt+Period', mac: 'Alt+Period' },
        description: '__MSG_commandOpenPicker__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'deskmate@deskmate.local',
              // 140: the ESR that Debian ships (data_collection_permissions is known from 140).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // WXT_INSPECT=1: the "inspect" build (the e2e tests, the bench, `npm start`), the shipped
  // production build with one difference, the overlay's shadow root open so tests can read it;
  // written to .output/inspect/ so that it never mixes with the shipped build.
  outDir: process.env.WXT_INSPECT === '1' ? '.output/inspect' : '.output',
  // The inspect build also carries test/e2e/bridge/e2e.html, web-accessible: Firefox refuses
  // WebDriver navigation to moz-extension:// pages, so the Firefox tests reach extension pages
  // through it (see that file). The shipped build has neither the page nor the entry.
  hooks:
    process.env.WXT_INSPECT === '1'
      ? {
          'build:publicAssets': (_wxt, files) => {
            for (const name of ['e2e.html', 'e2e.js'])
              files.push({ absoluteSrc: resolve(import.meta.dirname, 'test/e2e/bridge', name), relativeDest: name });
          },
          'build:manifestGenerated': (wxt, manifest) => {
            const list = manifest.web_accessible_resources ?? [];
            manifest.web_accessible_resources =
              wxt.config.manifestVersion === 2
                ? [...(list as string[]), 'e2e.html']
                : [...(list as { resources: string[]; matches: string[] }[]), { resources: ['e2e.html'], matches: ['<all_urls>'] }];
          },
        }
      : {},
  zip: {
    excludeSources: ['.output/**', 'test-results/**', '**/*.log', 'docs/screenshots/**', 'node_modules/**'],
  },
});
