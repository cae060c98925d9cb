import { useI18n } from '@/components/i18n';
import { caseKinds, type CaseType, type Checklists } from '@/lib/cases';
import {
  Edit,
  freshId,
  amountSummary,
  ParsedInput,
  parseWords,
  formatList,
  ruleOptions,
  setOptional,
  domId,
  RowToggle,
} from './checklist-editing';
import { ItemRow } from './ItemRow';
import { optionsOf, SelectField } from '@/components/ui/SelectField';

// One case type in the checklist editor: its title, kind, keywords, deadline rule and evidence items.

export function CaseTypeRow({
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
        <RowToggle id={toggleId} panelId={panelId} open={open} onToggle={onToggle}>
          {named(type.title)}
        </RowToggle>
        <span className="badge">{t(type.kind === 'dispute' ? 'cases.kind.dispute' : 'cases.kind.refundPath')}</span>
        <span className="muted">{t('checklists.itemCount', { count: type.items.length })}</span>
      </div>
      <div className="muted cl-summary">
        {rule
          ? t('checklists.deadlineSummary', { rule: named(rule.title), amount: amountSummary(t, c, rule) })
          : t('checklists.deadlineMissing', { id: type.deadlineRule })}
      </div>
      {open && (
        <div id={panelId} role="region" aria-labelledby={toggleId} className="cl-panel">
          <label>
            <span>{t('checklists.typeTitle')}</span>
            <input
              id={domId(type.id, 'title')}
              type="text"
              value={type.title}
              onChange={(e) => editType((ct) => void (ct.title = e.target.value))}
            />
          </label>
          <SelectField
            label={t('checklists.typeKind')}
            value={type.kind}
            onChange={(kind) => editType((ct) => void (ct.kind = kind))}
            options={optionsOf(caseKinds, (k) => t(k === 'dispute' ? 'cases.kind.dispute' : 'cases.kind.refundPath'))}
          />
          <label>
            <span>{t('checklists.typeDescription')}</span>
            <textarea rows={3} value={type.description} onChange={(e) => editType((ct) => void (ct.description = e.target.value))} />
          </label>
          <SelectField
            label={t('checklists.typeRule')}
            value={type.deadlineRule}
            onChange={(id) => editType((ct) => void (ct.deadlineRule = id))}
            options={ruleOptions(t, c, named)}
          >
            {!rule && <option value={type.deadlineRule}>{t('checklists.ruleUnknown', { id: type.deadlineRule })}</option>}
          </SelectField>
          <label>
            <span>{t('checklists.keywords')}</span>
            <ParsedInput
              value={type.keywords}
              parse={parseWords}
              format={formatList}
              onChange={(v) => editType((ct) => setOptional(ct, 'keywords', v))}
            />
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
