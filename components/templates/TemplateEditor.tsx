import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n';
import { ErrorList } from '@/components/ErrorList';
import { getDb } from '@/lib/db/database';
import type { TemplateRecord } from '@/lib/db/records';
import type { MessageKey } from '@/lib/i18n';
import { templateDraft } from '@/lib/templates/draft';
import { formatIssues } from '@/lib/validate';
import { agentProfile } from '@/lib/settings';
import { deleteTemplates, saveTemplate } from '@/lib/templates/store';
import { render, type RenderContext } from '@/lib/templates/variables';
import { errorText } from '@/lib/i18n/errors';

const VARIABLES: { zh: string; en: string; help: MessageKey }[] = [
  { zh: '{{买家|亲}}', en: '{{buyer|there}}', help: 'tm.varBuyer' },
  { zh: '{{客服}}', en: '{{agent}}', help: 'tm.varAgent' },
  { zh: '{{工号}}', en: '{{agentId}}', help: 'tm.varAgentId' },
  { zh: '{{店铺}}', en: '{{shop}}', help: 'tm.varShop' },
  { zh: '{{订单号}}', en: '{{order}}', help: 'tm.varOrder' },
  { zh: '{{物流单号}}', en: '{{tracking}}', help: 'tm.varTracking' },
  { zh: '{{日期+3d}}', en: '{{date+3d}}', help: 'tm.varDate' },
  { zh: '{{时间}}', en: '{{time}}', help: 'tm.varTime' },
  { zh: '{{?金额}}', en: '{{?amount}}', help: 'tm.varAsk' },
  { zh: '{{cursor}}', en: '{{cursor}}', help: 'tm.varCursor' },
];

interface Draft {
  title: string;
  shortcode: string;
  folder: string;
  tags: string;
  sites: string;
  body: string;
}

const split = (s: string) =>
  s
    .split(/[,，]/)
    .map((x) => x.trim())
    .filter(Boolean);

function toDraft(t: TemplateRecord | null, folder: string): Draft {
  return t
    ? { title: t.title, shortcode: t.shortcode ?? '', folder: t.folder, tags: t.tags.join(', '), sites: t.sites.join(', '), body: t.body }
    : { title: '', shortcode: '', folder, tags: '', sites: '', body: '' };
}

/** Create/edit one template, with a live preview rendered as plain text and variable help. */
export function TemplateEditor({
  template,
  folder,
  onDone,
  onEdit,
}: {
  template: TemplateRecord | null;
  folder: string;
  onDone: (id: string | null) => void;
  onEdit: () => void;
}) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(template, folder));
  const [errors, setErrors] = useState<string[]>([]);
  const [ctx, setCtx] = useState<RenderContext | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void agentProfile.getValue().then((p) =>
      setCtx({
        now: Date.now(),
        locale,
        buyer: locale === 'zh-CN' ? '林晓雨' : 'Alex',
        agent: p.agentName,
        agentId: p.agentId,
        shop: p.shopName,
        order: '3859201746682',
        tracking: 'SF1402938475619',
      }),
    );
  }, [locale]);

  const preview = useMemo(() => {
    if (!ctx || !draft.body) return '';
    const first = render(draft.body, ctx);
    const text = first.missing.length
      ? render(draft.body, ctx, Object.fromEntries(first.missing.map((f) => [f.key, `【${f.label}】`]))).text
      : first.text;
    return first.caret < first.text.length || draft.body.includes('{{cursor}}')
      ? `${text.slice(0, first.caret)}▏${text.slice(first.caret)}`
      : text;
  }, [ctx, draft.body]);

  const set = (key: keyof Draft) => (value: string) => {
    onEdit();
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const insertVariable = (variable: string) => {
    const el = bodyRef.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.selectionStart, el.selectionEnd);
    // insertText keeps the textarea's undo history.
    if (!document.execCommand('insertText', false, variable)) set('body')(draft.body + variable);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const parsed = templateDraft.safeParse({
      id: template?.id,
      title: draft.title,
      body: draft.body,
      shortcode: draft.shortcode.trim() || undefined,
      folder: draft.folder,
      tags: split(draft.tags),
      sites: split(draft.sites),
      language: template?.language ?? locale,
    });
    if (!parsed.success) return setErrors(formatIssues(parsed.error));
    try {
      const saved = await saveTemplate(getDb(), parsed.data);
      setErrors([]);
      onDone(saved.id);
    } catch (err) {
      setErrors([errorText(err, t)]);
    }
  };

  const field = (key: keyof Draft, label: string, props: Record<string, unknown> = {}) => (
    <label>
      <span>{label}</span>
      <input type="text" value={draft[key]} onChange={(e) => set(key)(e.target.value)} {...props} />
    </label>
  );

  return (
    <form
      className="tm-editor"
      aria-label={template ? t('tm.edit') : t('tm.new')}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <h2>{template ? t('tm.edit') : t('tm.new')}</h2>
      {field('title', t('tm.fieldTitle'), { required: true })}
      <div className="row">
        {field('shortcode', t('tm.fieldShortcode'))}
        {field('folder', t('tm.fieldFolder'))}
      </div>
      {field('tags', t('tm.fieldTags'))}
      {field('sites', t('tm.fieldSites'))}
      <label>
        <span>{t('tm.fieldBody')}</span>
        <textarea ref={bodyRef} rows={7} value={draft.body} required onChange={(e) => set('body')(e.target.value)} />
      </label>
      <div className="tm-vars" role="group" aria-label={t('tm.variables')}>
        {VARIABLES.map((v) => {
          const variable = locale === 'zh-CN' ? v.zh : v.en;
          return (
            <button
              key={v.help}
              type="button"
              title={t(v.help)}
              aria-label={t('tm.insertVariable', { variable }) + ' — ' + t(v.help)}
              onClick={() => insertVariable(variable)}
            >
              {variable}
            </button>
          );
        })}
      </div>
      <h3 id="tm-preview">{t('tm.preview')}</h3>
      <div className="tm-preview" aria-labelledby="tm-preview">
        {preview}
      </div>
      <ErrorList errors={errors} />
      <div className="row">
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
        {template && (
          <button
            type="button"
            onClick={() => {
              if (!confirm(t('tm.confirmDelete', { count: 1 }))) return;
              void deleteTemplates(getDb(), [template.id]).then(() => onDone(null));
            }}
          >
            {t('common.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
