import { FileButton } from '@/components/FileButton';
import './checklists.css';
import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from 'react';
import { download, fileStamp } from '@/components/download';
import { ErrorList } from '@/components/ErrorList';
import { useI18n } from '@/components/i18n';
import {
  caseKinds,
  evidenceKinds,
  MAX_CHECKLISTS_BYTES,
  parseChecklists,
  parseChecklistsText,
  ruleAmount,
  ruleKinds,
  startEvents,
  type CaseType,
  type ChecklistItem,
  type ChecklistLanguage,
  type Checklists,
  type DeadlineRule,
} from '@/lib/cases';
import { checklistLanguages, ChecklistsInvalidError, loadChecklists, resetChecklists, saveChecklists, watchChecklists, type LoadedChecklists } from '@/lib/cases/active';
import type { Locale, Translate } from '@/lib/i18n';
import { localizeError } from '@/lib/i18n/errors';
import { readFileText } from '@/lib/validate';

// Options tab "证据清单 / Checklists": the checklist definitions of a language (case types with
// their evidence items, deadline rules), edited as a draft that is validated whole with
// parseChecklists before anything is stored; import (whole-file validation) and export as JSON;
// restore the shipped definitions. Ids are generated, never typed: agents edit words and numbers.

type Edit = (fn: (c: Checklists) => void) => void;

const DEFAULT_REMINDERS = [12, 2, 0.5];

function freshId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((x) => x.id));
  for (let n = taken.length + 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!ids.has(id)) return id;
  }
}

/** A duration in the rule's unit, in words ("48小时", "30分钟", "5天"). */
function duration(t: Translate, n: number, unit: 'hours' | 'days'): string {
  if (unit === 'days') return t('cases.duration.days', { n });
  if (n > 0 && n < 1) return t('cases.duration.minutes', { n: Math.round(n * 60) });
  return t('cases.duration.hours', { n });
}

function platformName(c: Checklists, id: string): string {
  return c.platforms.find((p) => p.id === id)?.name ?? id;
}

/** "48小时（拼多多 48小时 · 抖音 24小时）": the default amount and the per-platform ones. */
function amountSummary(t: Translate, c: Checklists, rule: DeadlineRule): string {
  const { unit, amount } = ruleAmount(rule);
  const own = Object.entries(rule.perPlatform ?? {}).map(([p, n]) => t('checklists.perPlatformEntry', { platform: platformName(c, p), amount: duration(t, n, unit) }));
  const base = duration(t, amount, unit);
  return own.length ? t('checklists.amountWithPlatforms', { amount: base, platforms: own.join(' · ') }) : base;
}

function reminderSummary(t: Translate, rule: DeadlineRule): string {
  const list = (rule.reminderHoursBefore ?? DEFAULT_REMINDERS).map((h) => duration(t, h, 'hours')).join(t('checklists.listSeparator'));
  return rule.reminderHoursBefore ? t('checklists.reminders', { list }) : t('checklists.remindersDefault', { list });
}

/** Where an error's path points, in words: "质量问题 › 开箱视频" or a rule's title. */
function errorPlace(c: Checklists, message: string, untitled: string): string {
  const title = (s: string | undefined) => (s?.trim() ? s.trim() : untitled);
  const type = /^caseTypes\.(\d+)(?:\.items\.(\d+))?/.exec(message);
  if (type) {
    const ct = c.caseTypes[Number(type[1])];
    if (!ct) return '';
    const item = type[2] === undefined ? undefined : ct.items[Number(type[2])];
    return item ? `${title(ct.title)} › ${title(item.title)}` : title(ct.title);
  }
  const rule = /^deadlineRules\.(\d+)/.exec(message);
  if (rule) {
    const r = c.deadlineRules[Number(rule[1])];
    return r ? title(r.title) : '';
  }
  return '';
}

function localizedErrors(t: Translate, locale: Locale, errors: readonly string[], c?: Checklists): string[] {
  return errors.map((e) => {
    const error = localizeError(e, locale);
    const place = c ? errorPlace(c, e, t('checklists.untitled')) : '';
    return place ? t('checklists.errorAt', { error, place }) : error;
  });
}

type TextProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'>;

/**
 * A text field holding a parsed value (a number, a list): what the agent types stays as typed
 * while it reads as the same value, so "12, " or "1." are not rewritten under the cursor.
 */
function ParsedInput<T>({
  value,
  onChange,
  parse,
  format,
  type = 'text',
  ...rest
}: TextProps & { value: T; onChange: (v: T) => void; parse: (s: string) => T; format: (v: T) => string; type?: 'text' | 'number' }) {
  const [text, setText] = useState(() => format(value));
  const shown = format(parse(text)) === format(value) ? text : format(value);
  return (
    <input
      {...rest}
      type={type}
      value={shown}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}

const parseNumber = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
const formatNumber = (n: number | undefined): string => (n === undefined ? '' : String(n));
const parseNumbers = (s: string): number[] | undefined => {
  const parts = s
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return parts.length ? parts.map(Number) : undefined;
};
const parseWords = (s: string): string[] | undefined => {
  const parts = s
    .split(/[,，、;；]/)
    .map((x) => x.trim())
    .filter(Boolean);
  return parts.length ? parts : undefined;
};
const formatList = (list: readonly (string | number)[] | undefined): string => (list ?? []).join(', ');

/** Sets an optional field, deleting it when the value is undefined (the schema is strict about keys). */
function setOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}

const domId = (...parts: (string | number)[]) => `cl.${parts.join('.')}`;

export function ChecklistDefinitions() {
  const { t, locale } = useI18n();
  const [language, setLanguage] = useState<ChecklistLanguage>(locale);
  const [loaded, setLoaded] = useState<LoadedChecklists | null>(null);
  const [draft, setDraft] = useState<Checklists | null>(null);
  /** Validation errors of the draft, shown after a save was refused and kept current from then on. */
  const [errors, setErrors] = useState<string[] | null>(null);
  const [importErrors, setImportErrors] = useState<{ file: string; errors: string[] } | null>(null);
  const [status, setStatus] = useState('');
  const [openType, setOpenType] = useState<string | null>(null);
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [openRule, setOpenRule] = useState<string | null>(null);
  /** The element to focus once the next render is on screen (after a move, an add, a removal). */
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    let alive = true;
    const load = () => void loadChecklists(language).then((l) => alive && setLoaded(l));
    load();
    const unwatch = watchChecklists(load);
    return () => {
      alive = false;
      unwatch();
    };
  }, [language]);

  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    const el = document.getElementById(id);
    if (el instanceof HTMLButtonElement && el.disabled) return;
    el?.focus();
  });

  const dirty = draft !== null;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (!loaded) return <p>{t('common.loading')}</p>;
  const current = draft ?? loaded.value;
  const languageName = (l: ChecklistLanguage) => t(l === 'zh-CN' ? 'checklists.languageZhCN' : 'checklists.languageEn');
  const untitled = t('checklists.untitled');
  const named = (s: string) => (s.trim() ? s.trim() : untitled);

  const edit: Edit = (fn) => {
    const next = structuredClone(current);
    fn(next);
    setDraft(next);
    setStatus('');
    if (errors) {
      const r = parseChecklists(next);
      setErrors(r.ok ? [] : r.errors);
    }
  };

  const discard = () => {
    setDraft(null);
    setErrors(null);
  };
  /** Asks before unsaved edits are thrown away; true when there are none or the agent agrees. */
  const mayDiscard = () => !dirty || confirm(t('checklists.confirmDiscard'));

  const save = async () => {
    if (!draft) return;
    // Validate the whole definitions first: nothing is stored unless all of it is valid.
    const r = parseChecklists(draft);
    if (!r.ok) {
      setErrors(r.errors);
      setStatus(t('checklists.notSaved'));
      return;
    }
    try {
      const value = await saveChecklists(language, r.value);
      setLoaded({ value, source: 'custom' });
    } catch (e) {
      if (!(e instanceof ChecklistsInvalidError)) throw e;
      setErrors(e.errors);
      setStatus(t('checklists.notSaved'));
      return;
    }
    discard();
    setStatus(t('checklists.saved'));
  };

  const restore = async () => {
    if (!confirm(t('checklists.confirmRestore', { language: languageName(language) }))) return;
    await resetChecklists(language);
    setLoaded(await loadChecklists(language));
    discard();
    setImportErrors(null);
    setStatus(t('checklists.restored', { language: languageName(language) }));
  };

  const onFile = async (file: File) => {
    setStatus('');
    setImportErrors(null);
    // Whole-file validation first; nothing is written unless all of it is valid.
    const text = await readFileText(file, MAX_CHECKLISTS_BYTES);
    const parsed = text.ok ? parseChecklistsText(text.value) : text;
    if (!parsed.ok) return setImportErrors({ file: file.name, errors: parsed.errors });
    const target = parsed.value.language;
    try {
      await saveChecklists(target, parsed.value);
    } catch (e) {
      if (!(e instanceof ChecklistsInvalidError)) throw e;
      return setImportErrors({ file: file.name, errors: e.errors });
    }
    discard();
    setOpenType(null);
    setOpenItem(null);
    setOpenRule(null);
    if (target === language) setLoaded(await loadChecklists(language));
    else setLanguage(target);
    setStatus(t('checklists.imported', { file: file.name, count: parsed.value.caseTypes.length, language: languageName(target) }));
  };

  const exportActive = () => {
    const name = `deskmate-checklists-${language}-${fileStamp()}.json`;
    download(name, `${JSON.stringify(loaded.value, null, 2)}\n`, 'application/json');
    setStatus(t(dirty ? 'checklists.exportedSaved' : 'checklists.exported', { file: name }));
  };

  const switchLanguage = (next: ChecklistLanguage) => {
    if (next === language || !mayDiscard()) return;
    discard();
    setImportErrors(null);
    setStatus('');
    setOpenType(null);
    setOpenItem(null);
    setOpenRule(null);
    setLoaded(null);
    setLanguage(next);
  };

  const addCaseType = () => {
    const id = freshId('type', current.caseTypes);
    const itemId = 'item-1';
    edit((c) => {
      c.caseTypes.push({ id, title: '', kind: 'dispute', description: '', deadlineRule: c.deadlineRules[0]?.id ?? '', items: [{ id: itemId, title: '', guidance: '', required: true }] });
    });
    setOpenType(id);
    setOpenItem(`${id}/${itemId}`);
    focusNext.current = domId(id, 'title');
    setStatus(t('checklists.typeAdded'));
  };

  const addRule = () => {
    const id = freshId('rule', current.deadlineRules);
    edit((c) => {
      c.deadlineRules.push({ id, title: '', kind: 'deadline', start: 'manual', hours: 24 });
    });
    setOpenRule(id);
    focusNext.current = domId('rule', id, 'title');
    setStatus(t('checklists.ruleAdded'));
  };

  const shownErrors = errors ?? [];

  return (
    <section className="cl" aria-labelledby="cl-heading">
      <h2 id="cl-heading">{t('checklists.title')}</h2>
      <p className="muted">{t('checklists.help')}</p>

      <div className="row wrap cl-toolbar">
        <label className="inline">
          <span>{t('checklists.language')}</span>
          <select value={language} onChange={(e) => switchLanguage(e.target.value as ChecklistLanguage)}>
            {checklistLanguages.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </label>
        <FileButton label={t('checklists.import')} accept=".json,application/json" onFile={(file) => void onFile(file)} before={mayDiscard} />
        <button type="button" onClick={exportActive}>
          {t('checklists.export')}
        </button>
        <button type="button" onClick={() => void restore()} disabled={loaded.source === 'shipped' && !loaded.storedErrors && !dirty}>
          {t('checklists.restore')}
        </button>
      </div>

      <p className="muted">{loaded.source === 'custom' ? t('checklists.sourceCustom', { language: languageName(language) }) : t('checklists.sourceShipped', { language: languageName(language) })}</p>
      {loaded.storedErrors && <ErrorList errors={localizedErrors(t, locale, loaded.storedErrors)} heading={t('checklists.storedInvalid')} />}
      {importErrors && <ErrorList errors={localizedErrors(t, locale, importErrors.errors)} heading={t('checklists.importErrors', { file: importErrors.file })} />}
      <p role="status" className="cl-status">
        {status}
      </p>

      <h3 id="cl-types">{t('checklists.caseTypes')}</h3>
      <ul className="plain cl-list" aria-labelledby="cl-types">
        {current.caseTypes.map((type, ti) => (
          <CaseTypeRow
            key={type.id}
            c={current}
            type={type}
            index={ti}
            open={openType === type.id}
            openItem={openItem}
            onToggle={() => {
              setOpenType(openType === type.id ? null : type.id);
              setOpenItem(null);
            }}
            setOpenItem={setOpenItem}
            edit={edit}
            focusNext={(id) => (focusNext.current = id)}
            announce={setStatus}
            named={named}
          />
        ))}
      </ul>
      <button type="button" id="cl.addType" onClick={addCaseType}>
        {t('checklists.addType')}
      </button>

      <h3 id="cl-rules">{t('checklists.rules')}</h3>
      <p className="muted">{t('checklists.rulesHelp')}</p>
      <ul className="plain cl-list" aria-labelledby="cl-rules">
        {current.deadlineRules.map((rule, ri) => (
          <RuleRow
            key={rule.id}
            c={current}
            rule={rule}
            index={ri}
            open={openRule === rule.id}
            onToggle={() => setOpenRule(openRule === rule.id ? null : rule.id)}
            edit={edit}
            onRemove={() => {
              const next = current.deadlineRules[ri + 1] ?? current.deadlineRules[ri - 1];
              edit((c) => void c.deadlineRules.splice(ri, 1));
              setOpenRule(null);
              focusNext.current = next ? domId('rule', next.id, 'toggle') : 'cl.addRule';
              setStatus(t('checklists.ruleRemoved', { title: named(rule.title) }));
            }}
            named={named}
          />
        ))}
      </ul>
      <button type="button" id="cl.addRule" onClick={addRule}>
        {t('checklists.addRule')}
      </button>

      {(dirty || shownErrors.length > 0) && (
        <div className="cl-savebar" role="group" aria-label={t('checklists.unsaved')}>
          <ErrorList errors={localizedErrors(t, locale, shownErrors, current)} heading={t('checklists.fixErrors')} />
          <div className="row">
            <span className="muted">{t('checklists.unsaved')}</span>
            <button type="button" className="primary" onClick={() => void save()}>
              {t('checklists.save')}
            </button>
            <button
              type="button"
              onClick={() => {
                discard();
                setStatus(t('checklists.cancelled'));
              }}
            >
              {t('checklists.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function CaseTypeRow({
  c,
  type,
  index,
  open,
  openItem,
  onToggle,
  setOpenItem,
  edit,
  focusNext,
  announce,
  named,
}: {
  c: Checklists;
  type: CaseType;
  index: number;
  open: boolean;
  openItem: string | null;
  onToggle: () => void;
  setOpenItem: (key: string | null) => void;
  edit: Edit;
  focusNext: (id: string) => void;
  announce: (text: string) => void;
  named: (s: string) => string;
}) {
  const { t } = useI18n();
  const rule = c.deadlineRules.find((r) => r.id === type.deadlineRule);
  const toggleId = domId(type.id, 'toggle');
  const panelId = domId(type.id, 'panel');
  const itemsHeading = domId(type.id, 'items');
  const editType = (fn: (ct: CaseType) => void) => edit((next) => fn(next.caseTypes[index]!));

  const move = (ii: number, dir: -1 | 1) => {
    const item = type.items[ii]!;
    const to = ii + dir;
    editType((ct) => {
      const [x] = ct.items.splice(ii, 1);
      ct.items.splice(to, 0, x!);
    });
    // Keep focus on the moved item: the same button, or the other one when it hit an end.
    const atEnd = dir === -1 ? to === 0 : to === type.items.length - 1;
    focusNext(domId(type.id, item.id, atEnd ? (dir === -1 ? 'down' : 'up') : dir === -1 ? 'up' : 'down'));
    announce(t('checklists.itemMoved', { title: named(item.title), position: to + 1, total: type.items.length }));
  };

  const remove = (ii: number) => {
    const item = type.items[ii]!;
    const next = type.items[ii + 1] ?? type.items[ii - 1];
    editType((ct) => void ct.items.splice(ii, 1));
    if (openItem === `${type.id}/${item.id}`) setOpenItem(null);
    focusNext(next ? domId(type.id, next.id, 'edit') : domId(type.id, 'addItem'));
    announce(t('checklists.itemRemoved', { title: named(item.title) }));
  };

  const addItem = () => {
    const id = freshId('item', type.items);
    editType((ct) => void ct.items.push({ id, title: '', guidance: '', required: true }));
    setOpenItem(`${type.id}/${id}`);
    focusNext(domId(type.id, id, 'title'));
    announce(t('checklists.itemAdded'));
  };

  return (
    <li className="cl-row">
      <div className="row wrap">
        <button type="button" className="cl-toggle" id={toggleId} aria-expanded={open} aria-controls={open ? panelId : undefined} onClick={onToggle}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {named(type.title)}
        </button>
        <span className="badge">{t(type.kind === 'dispute' ? 'cases.kind.dispute' : 'cases.kind.refundPath')}</span>
        <span className="muted">{t('checklists.itemCount', { count: type.items.length })}</span>
      </div>
      <div className="muted cl-summary">
        {rule ? t('checklists.deadlineSummary', { rule: named(rule.title), amount: amountSummary(t, c, rule) }) : t('checklists.deadlineMissing', { id: type.deadlineRule })}
      </div>
      {open && (
        <div id={panelId} role="region" aria-labelledby={toggleId} className="cl-panel">
          <label>
            <span>{t('checklists.typeTitle')}</span>
            <input id={domId(type.id, 'title')} type="text" value={type.title} onChange={(e) => editType((ct) => void (ct.title = e.target.value))} />
          </label>
          <label>
            <span>{t('checklists.typeKind')}</span>
            <select value={type.kind} onChange={(e) => editType((ct) => void (ct.kind = e.target.value as CaseType['kind']))}>
              {caseKinds.map((k) => (
                <option key={k} value={k}>
                  {t(k === 'dispute' ? 'cases.kind.dispute' : 'cases.kind.refundPath')}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('checklists.typeDescription')}</span>
            <textarea rows={3} value={type.description} onChange={(e) => editType((ct) => void (ct.description = e.target.value))} />
          </label>
          <label>
            <span>{t('checklists.typeRule')}</span>
            <select value={type.deadlineRule} onChange={(e) => editType((ct) => void (ct.deadlineRule = e.target.value))}>
              {!rule && <option value={type.deadlineRule}>{t('checklists.ruleUnknown', { id: type.deadlineRule })}</option>}
              {c.deadlineRules.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${named(r.title)} · ${amountSummary(t, c, r)}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('checklists.keywords')}</span>
            <ParsedInput value={type.keywords} parse={parseWords} format={formatList} onChange={(v) => editType((ct) => setOptional(ct, 'keywords', v))} />
          </label>

          <h4 id={itemsHeading}>{t('checklists.items')}</h4>
          <ol className="cl-items" aria-labelledby={itemsHeading}>
            {type.items.map((item, ii) => (
              <ItemRow
                key={item.id}
                c={c}
                typeId={type.id}
                item={item}
                first={ii === 0}
                last={ii === type.items.length - 1}
                editing={openItem === `${type.id}/${item.id}`}
                onEdit={() => {
                  const key = `${type.id}/${item.id}`;
                  setOpenItem(openItem === key ? null : key);
                  if (openItem !== key) focusNext(domId(type.id, item.id, 'title'));
                }}
                onDone={() => {
                  setOpenItem(null);
                  focusNext(domId(type.id, item.id, 'edit'));
                }}
                onMove={(dir) => move(ii, dir)}
                onRemove={() => remove(ii)}
                editItem={(fn) => editType((ct) => fn(ct.items[ii]!))}
                named={named}
              />
            ))}
          </ol>
          <div className="row wrap">
            <button type="button" id={domId(type.id, 'addItem')} onClick={addItem}>
              {t('checklists.addItem')}
            </button>
            <button
              type="button"
              aria-label={t('checklists.removeTypeNamed', { title: named(type.title) })}
              onClick={() => {
                edit((next) => void next.caseTypes.splice(index, 1));
                const neighbour = c.caseTypes[index + 1] ?? c.caseTypes[index - 1];
                focusNext(neighbour ? domId(neighbour.id, 'toggle') : 'cl.addType');
                announce(t('checklists.typeRemoved', { title: named(type.title) }));
              }}
            >
              {t('checklists.removeType')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function ItemRow({
  c,
  typeId,
  item,
  first,
  last,
  editing,
  onEdit,
  onDone,
  onMove,
  onRemove,
  editItem,
  named,
}: {
  c: Checklists;
  typeId: string;
  item: ChecklistItem;
  first: boolean;
  last: boolean;
  editing: boolean;
  onEdit: () => void;
  onDone: () => void;
  onMove: (dir: -1 | 1) => void;
  onRemove: () => void;
  editItem: (fn: (item: ChecklistItem) => void) => void;
  named: (s: string) => string;
}) {
  const { t } = useI18n();
  const formId = useId();
  const title = named(item.title);
  const rule = item.deadlineRule === undefined ? undefined : c.deadlineRules.find((r) => r.id === item.deadlineRule);
  const accepts = item.accepts?.map((k) => t(`cases.accepts.${k}`)).join(t('checklists.listSeparator'));
  return (
    <li className="cl-item">
      <div className="row wrap">
        <strong>{title}</strong>
        <span className={item.required ? 'badge warn' : 'badge'}>{t(item.required ? 'cases.item.required' : 'cases.item.optional')}</span>
      </div>
      {item.guidance && <p className="cl-guidance">{item.guidance}</p>}
      <p className="muted cl-meta">
        {item.deadlineRule === undefined
          ? t('checklists.itemRuleCase')
          : rule
            ? t('checklists.deadlineSummary', { rule: named(rule.title), amount: amountSummary(t, c, rule) })
            : t('checklists.deadlineMissing', { id: item.deadlineRule })}
        {' · '}
        {accepts ? t('checklists.acceptsList', { list: accepts }) : t('checklists.acceptsAny')}
      </p>
      <div className="row wrap cl-item-actions">
        <button type="button" id={domId(typeId, item.id, 'up')} disabled={first} aria-label={t('checklists.moveUpNamed', { title })} onClick={() => onMove(-1)}>
          {t('checklists.moveUp')}
        </button>
        <button type="button" id={domId(typeId, item.id, 'down')} disabled={last} aria-label={t('checklists.moveDownNamed', { title })} onClick={() => onMove(1)}>
          {t('checklists.moveDown')}
        </button>
        <button
          type="button"
          id={domId(typeId, item.id, 'edit')}
          aria-expanded={editing}
          aria-controls={editing ? formId : undefined}
          aria-label={t('checklists.editItemNamed', { title })}
          onClick={onEdit}
        >
          {t('checklists.editItem')}
        </button>
        <button type="button" aria-label={t('checklists.removeItemNamed', { title })} onClick={onRemove}>
          {t('checklists.removeItem')}
        </button>
      </div>
      {editing && (
        <fieldset id={formId} className="cl-item-form">
          <legend>{t('checklists.editingItem', { title })}</legend>
          <label>
            <span>{t('checklists.itemTitle')}</span>
            <input id={domId(typeId, item.id, 'title')} type="text" value={item.title} onChange={(e) => editItem((x) => void (x.title = e.target.value))} />
          </label>
          <label>
            <span>{t('checklists.guidance')}</span>
            <textarea rows={4} value={item.guidance} onChange={(e) => editItem((x) => void (x.guidance = e.target.value))} />
          </label>
          <label className="inline">
            <input type="checkbox" checked={item.required} onChange={(e) => editItem((x) => void (x.required = e.target.checked))} />
            {t('checklists.required')}
          </label>
          <label>
            <span>{t('checklists.itemRule')}</span>
            <select value={item.deadlineRule ?? ''} onChange={(e) => editItem((x) => setOptional(x, 'deadlineRule', e.target.value || undefined))}>
              <option value="">{t('checklists.itemRuleCase')}</option>
              {item.deadlineRule !== undefined && !rule && <option value={item.deadlineRule}>{t('checklists.ruleUnknown', { id: item.deadlineRule })}</option>}
              {c.deadlineRules.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${named(r.title)} · ${amountSummary(t, c, r)}`}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>{t('checklists.accepts')}</legend>
            {evidenceKinds.map((k) => (
              <label key={k} className="inline">
                <input
                  type="checkbox"
                  checked={item.accepts?.includes(k) ?? false}
                  onChange={(e) =>
                    editItem((x) => {
                      const set = new Set(x.accepts ?? []);
                      if (e.target.checked) set.add(k);
                      else set.delete(k);
                      setOptional(x, 'accepts', set.size ? evidenceKinds.filter((v) => set.has(v)) : undefined);
                    })
                  }
                />
                {t(`cases.accepts.${k}`)}
              </label>
            ))}
            <p className="muted">{t('checklists.acceptsHelp')}</p>
          </fieldset>
          <button type="button" onClick={onDone}>
            {t('checklists.done')}
          </button>
        </fieldset>
      )}
    </li>
  );
}

function RuleRow({
  c,
  rule,
  index,
  open,
  onToggle,
  edit,
  onRemove,
  named,
}: {
  c: Checklists;
  rule: DeadlineRule;
  index: number;
  open: boolean;
  onToggle: () => void;
  edit: Edit;
  onRemove: () => void;
  named: (s: string) => string;
}) {
  const { t } = useI18n();
  const toggleId = domId('rule', rule.id, 'toggle');
  const panelId = domId('rule', rule.id, 'panel');
  const unit = rule.days === undefined ? 'hours' : 'days';
  const title = named(rule.title);
  const editRule = (fn: (r: DeadlineRule) => void) => edit((next) => fn(next.deadlineRules[index]!));
  return (
    <li className="cl-row">
      <div className="row wrap">
        <button type="button" className="cl-toggle" id={toggleId} aria-expanded={open} aria-controls={open ? panelId : undefined} onClick={onToggle}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {title}
        </button>
        <span className="badge">{t(`cases.ruleKind.${rule.kind}`)}</span>
      </div>
      <div className="muted cl-summary">
        {t('checklists.ruleSummary', { start: t(`cases.start.${rule.start}`), amount: amountSummary(t, c, rule), reminders: reminderSummary(t, rule) })}
      </div>
      {open && (
        <div id={panelId} role="region" aria-labelledby={toggleId} className="cl-panel">
          <label>
            <span>{t('checklists.ruleTitle')}</span>
            <input id={domId('rule', rule.id, 'title')} type="text" value={rule.title} onChange={(e) => editRule((r) => void (r.title = e.target.value))} />
          </label>
          <label>
            <span>{t('checklists.ruleDescription')}</span>
            <textarea rows={3} value={rule.description ?? ''} onChange={(e) => editRule((r) => setOptional(r, 'description', e.target.value === '' ? undefined : e.target.value))} />
          </label>
          <div className="row wrap cl-fields">
            <label>
              <span>{t('checklists.ruleKind')}</span>
              <select value={rule.kind} onChange={(e) => editRule((r) => void (r.kind = e.target.value as DeadlineRule['kind']))}>
                {ruleKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`cases.ruleKind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('checklists.ruleStart')}</span>
              <select value={rule.start} onChange={(e) => editRule((r) => void (r.start = e.target.value as DeadlineRule['start']))}>
                {startEvents.map((s) => (
                  <option key={s} value={s}>
                    {t(`cases.start.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t(unit === 'days' ? 'checklists.ruleDays' : 'checklists.ruleHours')}</span>
              <ParsedInput
                type="number"
                min={0}
                step="any"
                value={unit === 'days' ? rule.days : rule.hours}
                parse={parseNumber}
                format={formatNumber}
                onChange={(v) => editRule((r) => setOptional(r, unit, v))}
              />
            </label>
          </div>
          <fieldset>
            <legend>{t(unit === 'days' ? 'checklists.perPlatformDays' : 'checklists.perPlatformHours')}</legend>
            <div className="row wrap cl-fields">
              {c.platforms.map((p) => (
                <label key={p.id}>
                  <span>{p.name}</span>
                  <ParsedInput
                    type="number"
                    min={0}
                    step="any"
                    placeholder={formatNumber(unit === 'days' ? rule.days : rule.hours)}
                    value={rule.perPlatform && Object.hasOwn(rule.perPlatform, p.id) ? rule.perPlatform[p.id] : undefined}
                    parse={parseNumber}
                    format={formatNumber}
                    onChange={(v) =>
                      editRule((r) => {
                        const per = { ...(r.perPlatform ?? {}) };
                        if (v === undefined) delete per[p.id];
                        else per[p.id] = v;
                        setOptional(r, 'perPlatform', Object.keys(per).length ? per : undefined);
                      })
                    }
                  />
                </label>
              ))}
            </div>
            <p className="muted">{t('checklists.perPlatformHelp')}</p>
          </fieldset>
          <label>
            <span>{t('checklists.reminderHours')}</span>
            <ParsedInput
              value={rule.reminderHoursBefore}
              parse={parseNumbers}
              format={formatList}
              placeholder={formatList(DEFAULT_REMINDERS)}
              onChange={(v) => editRule((r) => setOptional(r, 'reminderHoursBefore', v))}
            />
          </label>
          <button type="button" aria-label={t('checklists.removeRuleNamed', { title })} onClick={onRemove}>
            {t('checklists.removeRule')}
          </button>
        </div>
      )}
    </li>
  );
}
