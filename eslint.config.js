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
const CONTENT_LIB = ['lib/insert/**', 'lib/timers/tracker.ts'];
const CONTENT_UI = [
  'entrypoints/content.ts',
  'entrypoints/content/**',
  'entrypoints/*.content/**',
  'entrypoints/*.content.{ts,tsx}',
  'components/overlay/**',
];

/** One block per set of files: a later block's rule replaces an earlier one's, so no file is in two. */
function boundaries() {
  const rule = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });
  return [
    { files: ['lib/**/*.{ts,tsx}'], ignores: CONTENT_LIB, rules: rule(NO_COMPONENTS) },
    { files: CONTENT_LIB, rules: rule(NO_COMPONENTS, NO_DATABASE) },
    { files: CONTENT_UI, rules: rule(NO_DATABASE) },
  ];
}

const rule3Syntax = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Rule 3: no dangerouslySetInnerHTML.' },
  { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'Rule 3: no HTML strings.' },
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
  // content-side code (content scripts, the overlay, insertion, the console watcher) never opens
  // the database: it asks the background through typed messages (rule 1). Types only are fine.
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
  // parse the value with the schema a backup's value is parsed with (lib/settings/write.ts).
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
            'Write settings with saveSetting (components/SettingRefused.tsx) or writeSetting (lib/settings/write.ts): the value is parsed first (S11).',
        },
      ],
    },
  },
);
