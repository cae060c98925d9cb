import { useEffect, useState, type FormEvent } from 'react';
import { saveSetting } from '@/components/SettingRefused';
import { useI18n } from '@/components/i18n';
import { lintTitleKey } from '@/lib/i18n/parts/lint-titles';
import { ErrorList } from '@/components/ErrorList';
import { formatIssues } from '@/lib/validate';
import { lintRules } from '@/lib/templates/lint-setting';
import { defaultLintRules, type LintRule } from '@/lib/templates/lint';
import { lintRule } from '@/lib/templates/lint-schema';

function text(v: LintRule['message'], locale: 'zh-CN' | 'en'): string {
  return typeof v === 'string' ? v : v[locale];
}

/** Options: the service-language rules — switch on/off, add (phrases or a regex), delete, reset. */
export function LintRulesEditor() {
  const { t, locale } = useI18n();
  const [rules, setRules] = useState<LintRule[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [draft, setDraft] = useState({
    id: '',
    phrases: '',
    regex: '',
    allow: '',
    message: '',
    suggestion: '',
    severity: 'warning' as 'warning' | 'error',
  });

  useEffect(() => {
    void lintRules.getValue().then((r) => setRules(r ?? defaultLintRules()));
    return lintRules.watch((r) => setRules(r ?? defaultLintRules()));
  }, []);
  if (!rules) return null;

  const save = async (next: LintRule[]) => {
    setRules(next);
    if (await saveSetting('lintRules', next)) setStatus(t('lint.saved'));
    else setRules((await lintRules.getValue()) ?? defaultLintRules());
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const list = (v: string) =>
      v
        .split(/[,，]/)
        .map((p) => p.trim())
        .filter(Boolean);
    const allow = list(draft.allow);
    const candidate = {
      id: draft.id.trim() || `custom.${Date.now().toString(36)}`,
      category: 'custom',
      severity: draft.severity,
      patterns: draft.phrases
        .split(/[,，]/)
        .map((p) => p.trim())
        .filter(Boolean),
      regex: draft.regex.trim() || null,
      ...(allow.length ? { allow } : {}),
      message: draft.message.trim(),
      suggestion: draft.suggestion.trim(),
      enabled: true,
    };
    const parsed = lintRule.safeParse(candidate);
    // Validate whole, then write: an invalid regex is named and nothing is saved.
    if (!parsed.success) return setErrors(formatIssues(parsed.error));
    if (rules.some((r) => r.id === parsed.data.id)) return setErrors([`id: "${parsed.data.id}" is already used`]);
    setErrors([]);
    await save([...rules, parsed.data]);
    setDraft({ id: '', phrases: '', regex: '', allow: '', message: '', suggestion: '', severity: 'warning' });
  };

  const field = (key: 'id' | 'phrases' | 'regex' | 'allow' | 'message' | 'suggestion', label: string) => (
    <label>
      <span>{label}</span>
      <input type="text" value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </label>
  );

  return (
    <div style={{ maxWidth: 960 }}>
      <h2>{t('lint.rules')}</h2>
      <p className="muted">{t('lint.rulesHelp')}</p>
      <p role="status">{status}</p>
      <ul className="plain">
        {rules.map((r, i) => {
          // Built-in rules have a title; the agent's own are known by their first phrase.
          const titleKey = lintTitleKey(r.id);
          const title = titleKey ? t(titleKey) : (r.patterns[0] ?? r.id);
          return (
            <li key={r.id} className="lint-rule">
              <label className="row">
                <input
                  type="checkbox"
                  checked={r.enabled}
                  aria-label={`${t('lint.enabled')} ${title}`}
                  onChange={() => void save(rules.map((x, j) => (j === i ? { ...x, enabled: !x.enabled } : x)))}
                />
                <strong>{title}</strong>
                <code className="muted small">{r.id}</code>
                <span className={r.severity === 'error' ? 'badge bad' : 'badge'}>
                  {r.severity === 'error' ? t('lint.error') : t('lint.warning')}
                </span>
              </label>
              <div>
                {r.patterns.join(' · ')}
                {r.regex && <code className="muted"> /{r.regex}/</code>}
              </div>
              {!!r.allow?.length && <div className="muted">{t('lint.allowList', { phrases: r.allow.join(' · ') })}</div>}
              <div className="muted">{text(r.message, locale)}</div>
              <button
                type="button"
                aria-label={t('lint.deleteRule', { id: title })}
                onClick={() => void save(rules.filter((_, j) => j !== i))}
              >
                {t('common.delete')}
              </button>
            </li>
          );
        })}
      </ul>
      <form onSubmit={(e) => void add(e)} aria-labelledby="lint-add">
        <h3 id="lint-add">{t('lint.addRule')}</h3>
        {field('id', t('lint.id'))}
        {field('phrases', t('lint.phrases'))}
        {field('regex', t('lint.regex'))}
        {field('allow', t('lint.allow'))}
        {field('message', t('lint.message'))}
        {field('suggestion', t('lint.suggestionField'))}
        <label>
          <span>{t('lint.severity')}</span>
          <select value={draft.severity} onChange={(e) => setDraft({ ...draft, severity: e.target.value as 'warning' | 'error' })}>
            <option value="warning">{t('lint.warning')}</option>
            <option value="error">{t('lint.error')}</option>
          </select>
        </label>
        <ErrorList errors={errors} />
        <div className="row">
          <button type="submit" className="primary">
            {t('lint.addRule')}
          </button>
          <button
            type="button"
            onClick={() => {
              if (confirm(t('lint.confirmReset'))) void saveSetting('lintRules', null).then((ok) => ok && setStatus(t('lint.saved')));
            }}
          >
            {t('lint.resetDefaults')}
          </button>
        </div>
      </form>
    </div>
  );
}
