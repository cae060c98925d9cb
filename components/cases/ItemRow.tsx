import { useId } from 'react';
import { useI18n } from '@/components/i18n';
import { evidenceKinds, type ChecklistItem, type Checklists } from '@/lib/cases';
import { amountSummary, ruleOptions, setOptional, domId } from './checklist-editing';
import { SelectField } from '@/components/ui/SelectField';

// One evidence item of a case type in the checklist editor.

export function ItemRow({
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
        <button
          type="button"
          id={domId(typeId, item.id, 'up')}
          disabled={first}
          aria-label={t('checklists.moveUpNamed', { title })}
          onClick={() => onMove(-1)}
        >
          {t('checklists.moveUp')}
        </button>
        <button
          type="button"
          id={domId(typeId, item.id, 'down')}
          disabled={last}
          aria-label={t('checklists.moveDownNamed', { title })}
          onClick={() => onMove(1)}
        >
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
            <input
              id={domId(typeId, item.id, 'title')}
              type="text"
              value={item.title}
              onChange={(e) => editItem((x) => void (x.title = e.target.value))}
            />
          </label>
          <label>
            <span>{t('checklists.guidance')}</span>
            <textarea rows={4} value={item.guidance} onChange={(e) => editItem((x) => void (x.guidance = e.target.value))} />
          </label>
          <label className="inline">
            <input type="checkbox" checked={item.required} onChange={(e) => editItem((x) => void (x.required = e.target.checked))} />
            {t('checklists.required')}
          </label>
          <SelectField
            label={t('checklists.itemRule')}
            value={item.deadlineRule ?? ''}
            onChange={(id) => editItem((x) => setOptional(x, 'deadlineRule', id || undefined))}
            options={ruleOptions(t, c, named)}
          >
            <option value="">{t('checklists.itemRuleCase')}</option>
            {item.deadlineRule !== undefined && !rule && (
              <option value={item.deadlineRule}>{t('checklists.ruleUnknown', { id: item.deadlineRule })}</option>
            )}
          </SelectField>
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
