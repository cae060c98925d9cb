import { FileButton } from '@/components/FileButton';
import { download } from '@/components/download';
import { useState } from 'react';
import { useI18n } from '@/components/i18n';
import { ErrorList } from '@/components/ErrorList';
import { getDb } from '@/lib/db/database';
import { applyImport, planImport, type DuplicateChoice } from '@/lib/templates/import';
import { exportCsv, exportJson, MAX_FILE_BYTES, parseImportText, type PackTemplate } from '@/lib/templates/io';
import { readFileText } from '@/lib/validate';
import { errorText } from '@/lib/i18n/errors';

type State =
  | { kind: 'idle' }
  | { kind: 'errors'; file: string; errors: string[] }
  | { kind: 'choose'; file: string; templates: PackTemplate[]; duplicates: number }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; file: string; added: number; updated: number; skipped: number };

/** The 导入 / Import button (JSON pack or CSV), duplicate handling, progress, and export. */
export function ImportExport() {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [choice, setChoice] = useState<DuplicateChoice>('update');

  const run = async (file: string, templates: PackTemplate[], how: DuplicateChoice) => {
    setState({ kind: 'running', done: 0, total: templates.length });
    try {
      const result = await applyImport(getDb(), templates, how, (done, total) => setState({ kind: 'running', done, total }), locale);
      setState({ kind: 'done', file, ...result });
    } catch (e) {
      // One transaction: a refused write (e.g. storage full) leaves the library as it was.
      setState({ kind: 'errors', file, errors: [errorText(e, t)] });
    }
  };

  const onFile = async (file: File) => {
    // A file too large is refused before it is read (a huge file must not freeze the page).
    const text = await readFileText(file, MAX_FILE_BYTES);
    // Whole-file validation first; nothing is written unless every row is valid.
    const parsed = text.ok ? parseImportText(text.value, file.name) : text;
    if (!parsed.ok) return setState({ kind: 'errors', file: file.name, errors: parsed.errors });
    const plan = await planImport(getDb(), parsed.value.templates);
    if (plan.duplicates > 0)
      return setState({ kind: 'choose', file: file.name, templates: parsed.value.templates, duplicates: plan.duplicates });
    await run(file.name, parsed.value.templates, 'skip');
  };

  const stamp = new Date().toISOString().slice(0, 10);
  const exportAs = async (format: 'json' | 'csv') => {
    const all = await getDb().templates.orderBy('folder').toArray();
    if (format === 'json') download(`deskmate-templates-${stamp}.json`, exportJson(all), 'application/json');
    else download(`deskmate-templates-${stamp}.csv`, exportCsv(all), 'text/csv;charset=utf-8');
  };

  return (
    <div className="tm-io">
      <div className="row">
        <FileButton label={t('tm.import')} accept=".json,.csv,application/json,text/csv" onFile={(file) => void onFile(file)} />
        <button type="button" onClick={() => void exportAs('json')}>
          {t('tm.exportJson')}
        </button>
        <button type="button" onClick={() => void exportAs('csv')}>
          {t('tm.exportCsv')}
        </button>
      </div>
      {state.kind === 'errors' && <ErrorList errors={state.errors} heading={t('tm.importErrors', { file: state.file })} />}
      {state.kind === 'choose' && (
        <form
          className="tm-choice"
          onSubmit={(e) => {
            e.preventDefault();
            void run(state.file, state.templates, choice);
          }}
        >
          <fieldset>
            <legend>{t('tm.importDuplicates', { count: state.duplicates, total: state.templates.length, file: state.file })}</legend>
            {(['update', 'both', 'skip'] as const).map((c) => (
              <label key={c} className="row">
                <input type="radio" name="dup" value={c} checked={choice === c} onChange={() => setChoice(c)} />
                {t(c === 'update' ? 'tm.dupUpdate' : c === 'both' ? 'tm.dupBoth' : 'tm.dupSkip')}
              </label>
            ))}
          </fieldset>
          <div className="row">
            <button type="submit" className="primary">
              {t('tm.importStart', { count: state.templates.length })}
            </button>
            <button type="button" onClick={() => setState({ kind: 'idle' })}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {state.kind === 'running' && (
        <label>
          <span>{t('tm.importing')}</span>
          <progress max={state.total} value={state.done} />
        </label>
      )}
      {state.kind === 'done' && (
        <p role="status">{t('tm.imported', { file: state.file, added: state.added, updated: state.updated, skipped: state.skipped })}</p>
      )}
    </div>
  );
}
