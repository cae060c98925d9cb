import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NO_COMPONENTS = {
  group: ['@/components', '@/components/*', '**/components/*'],
  message: 'lib/ never imports components/ (components build on lib).',
};
const NO_DATABASE = {
  group: [
    'dexie',
    'dexie-react-hooks',
    '@/lib/db',
    '@/lib/db/*',
    '**/lib/db/*',
    '../db/*',
    '../../db/*',
    '@/lib/backup/*',
    '**/lib/backup/*',
    '../backup/*',
  ],
  allowTypeImports: true,
  message: 'Rule 1: content-side code reaches the database through lib/messaging, never Dexie, lib/db or lib/backup.',
};
const CONTENT_LIB = [
  'lib/insert/**',
  'lib/timers/tracker.ts',
  'lib/timers/idless.ts',
  'lib/timers/list-reader.ts',
  'lib/timers/selector-parts.ts',
  'lib/messaging/lifecycle.ts',
];
const CONTENT_UI = [
  'entrypoints/content.ts',
  'entrypoints/content/**',
  'entrypoints/*.content/**',
  'entrypoints/*.content.{ts,tsx}',
  'components/overlay/**',
];

/**
 * The modules of lib/ (folders, and the shared helpers at its top) from the bottom up: a module
 * imports only modules on lower rows, so no arrow runs back up and no two modules import each
 * other (docs/engineering.md, "Layers"). A new module takes a row here.
 */
export const LIB_LAYERS = [
  ['validate', 'time', 'alarms', 'quota', 'rate-limit', 'base64'],
  ['csv', 'i18n'],
  ['settings'],
  ['sites'],
  ['cases'],
  // The database holds every capability's table: sites and cases own their records and say what
  // they need of it (lib/sites/record.ts, lib/cases/record.ts); the ones above take it whole.
  ['db'],
  ['templates', 'metrics', 'timers'],
  ['insert'],
  ['backup', 'background', 'messaging'],
];

const LIB_FILES = (name) => (LIB_LAYERS[0].includes(name) || name === 'csv' ? [`lib/${name}.ts`] : [`lib/${name}/**/*.{ts,tsx}`]);
const importsOf = (name) => [`@/lib/${name}`, `@/lib/${name}/**`, `**/lib/${name}`, `**/lib/${name}/**`, `../${name}`, `../${name}/**`];
/** The modules `name` must not import: its own row and every row above it. */
function layerPatterns(name) {
  const row = LIB_LAYERS.findIndex((r) => r.includes(name));
  const above = LIB_LAYERS.slice(row)
    .flat()
    .filter((m) => m !== name);
  const message = `lib/${name} sits below these modules (eslint.config.js, LIB_LAYERS; docs/engineering.md, "Layers").`;
  return [{ group: above.flatMap(importsOf), message }];
}

/** One block per set of files: a later block's rule replaces an earlier one's, so no file is in two. */
function boundaries() {
  const rule = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });
  const lib = LIB_LAYERS.flat().map((name) => {
    const files = LIB_FILES(name);
    const content = CONTENT_LIB.filter((f) => f.startsWith(`lib/${name}/`));
    return [
      { files, ignores: content, rules: rule(NO_COMPONENTS, ...layerPatterns(name)) },
      ...content.map((f) => ({ files: [f], rules: rule(NO_COMPONENTS, NO_DATABASE, ...layerPatterns(name)) })),
    ];
  });
  return [...lib.flat(), { files: CONTENT_UI, rules: rule(NO_DATABASE) }];
}

const rule3Syntax = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Rule 3: no dangerouslySetInnerHTML.' },
  { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'Rule 3: no HTML strings.' },
  // Rule 5 (docs/engineering.md): WXT's ctx timers leave one listener behind per call.
  {
    selector:
      "CallExpression[callee.object.name='ctx'][callee.property.name=/^(setTimeout|setInterval|requestAnimationFrame|requestIdleCallback)$/]",
    message: 'Rule 5: use pageTimers(ctx) (lib/messaging/lifecycle.ts); ctx.setTimeout and friends leak a listener per call.',
  },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'demo/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'eslint.config.js', '.ci/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // End-to-end tests run in Node and pass functions to the browser (page.evaluate).
    files: ['test/e2e/**/*.{js,mjs,ts}', 'scripts/bench.mjs', 'scripts/bench/*.mjs', 'scripts/start.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, chrome: 'readonly' } },
  },
  {
    files: ['demo/**/*.{js,mjs}', 'test/bench/stream/**/*.js', 'test/fixtures/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Boundaries (docs/engineering.md, "Layers"): lib/ is below components/ and never imports it;
  // inside lib/, a module imports only modules on lower rows of LIB_LAYERS; content-side code
  // (content scripts, the overlay, insertion, the console watcher) never opens the database: it
  // asks the background through typed messages (rule 1). Types only are fine there.
  ...boundaries(),
  // Rule 3: nothing becomes HTML, no eval, no remote code.
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Rule 3: render text with textContent / React children.' },
        { property: 'outerHTML', message: 'Rule 3: render text with textContent / React children.' },
        { property: 'insertAdjacentHTML', message: 'Rule 3: build nodes instead.' },
        { object: 'document', property: 'write', message: 'Rule 3: build nodes instead.' },
      ],
      'no-restricted-syntax': ['error', ...rule3Syntax],
    },
  },
  // docs/security.md S11: extension pages write settings through writeSetting / saveSetting, which
  // parse the value with the schema a backup's value is parsed with (lib/backup/write-setting.ts).
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...rule3Syntax,
        {
          selector:
            "CallExpression[callee.property.name='setValue'][callee.object.name=/^(languageSetting|agentProfile|disabledHosts|templatesRevision|removedBuiltins|installedPacks|lintRules|typingSpeed|timerAlerts|retentionDays|workSchedule|weeklyNotes|customChecklists|caseReminderLeads)$/]",
          message:
            'Write settings with saveSetting (components/SettingRefused.tsx) or writeSetting (lib/backup/write-setting.ts): the value is parsed first (S11).',
        },
      ],
    },
  },
);
