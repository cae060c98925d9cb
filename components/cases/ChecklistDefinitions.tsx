import { FileButton } from '@/components/FileButton';
import './checklists.css';
import { useEffect, useRef, useState } from 'react';
import { download, fileStamp } from '@/components/download';
import { ErrorList } from '@/components/ErrorList';
import { useI18n } from '@/components/i18n';
import { MAX_CHECKLISTS_BYTES, parseChecklists, parseChecklistsText, type ChecklistLanguage, type Checklists } from '@/lib/cases';
import {
  checklistLanguages,
  ChecklistsInvalidError,
  loadChecklists,
  resetChecklists,
  saveChecklists,
  watchChecklists,
  type LoadedChecklists,
} from '@/lib/cases/active';
import { readFileText } from '@/lib/validate';
import { Edit, freshId, localizedErrors, domId } from './checklist-editing';
import { CaseTypeRow } from './CaseTypeRow';
import { RuleRow } from './RuleRow';

// Options tab "证据清单 / Checklists": the checklist definitions of a language (case types with
// their evidence items, deadline rules), edited as a draft that is validated whole with
// parseChecklists before anything is stored; import (whole-file validation) and export as JSON;
// restore the shipped definitions. Ids are generated, never typed: agents edit words and numbers.

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
      c.caseTypes.push({
        id,
        title: '',
        kind: 'dispute',
        description: '',
        deadlineRule: c.deadlineRules[0]?.id ?? '',
        items: [{ id: itemId, title: '', guidance: '', required: true }],
      });
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
        <FileButton
          label={t('checklists.import')}
          accept=".json,application/json"
          onFile={(file) => void onFile(file)}
          before={mayDiscard}
        />
        <button type="button" onClick={exportActive}>
          {t('checklists.export')}
        </button>
        <button type="button" onClick={() => void restore()} disabled={loaded.source === 'shipped' && !loaded.storedErrors && !dirty}>
          {t('checklists.restore')}
        </button>
      </div>

      <p className="muted">
        {loaded.source === 'custom'
          ? t('checklists.sourceCustom', { language: languageName(language) })
          : t('checklists.sourceShipped', { language: languageName(language) })}
      </p>
      {loaded.storedErrors && (
        <ErrorList errors={localizedErrors(t, locale, loaded.storedErrors)} heading={t('checklists.storedInvalid')} />
      )}
      {importErrors && (
        <ErrorList
          errors={localizedErrors(t, locale, importErrors.errors)}
          heading={t('checklists.importErrors', { file: importErrors.file })}
        />
      )}
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
