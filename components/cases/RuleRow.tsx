import { useI18n } from '@/components/i18n';
import { ruleKinds, startEvents, type Checklists, type DeadlineRule } from '@/lib/cases';
import {
  Edit,
  DEFAULT_REMINDERS,
  amountSummary,
  reminderSummary,
  ParsedInput,
  parseNumber,
  formatNumber,
  parseNumbers,
  formatList,
  setOptional,
  domId,
  RowToggle,
} from './checklist-editing';
import { optionsOf, SelectField } from '@/components/ui/SelectField';

// One deadline rule in the checklist editor: its start, amount (per platform too) and reminders.

export function RuleRow({
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
        <RowToggle id={toggleId} panelId={panelId} open={open} onToggle={onToggle}>
          {title}
        </RowToggle>
        <span className="badge">{t(`cases.ruleKind.${rule.kind}`)}</span>
      </div>
      <div className="muted cl-summary">
        {t('checklists.ruleSummary', {
          start: t(`cases.start.${rule.start}`),
          amount: amountSummary(t, c, rule),
          reminders: reminderSummary(t, rule),
        })}
      </div>
      {open && (
        <div id={panelId} role="region" aria-labelledby={toggleId} className="cl-panel">
          <label>
            <span>{t('checklists.ruleTitle')}</span>
            <input
              id={domId('rule', rule.id, 'title')}
              type="text"
              value={rule.title}
              onChange={(e) => editRule((r) => void (r.title = e.target.value))}
            />
          </label>
          <label>
            <span>{t('checklists.ruleDescription')}</span>
            <textarea
              rows={3}
              value={rule.description ?? ''}
              onChange={(e) => editRule((r) => setOptional(r, 'description', e.target.value === '' ? undefined : e.target.value))}
            />
          </label>
          <div className="row wrap cl-fields">
            <SelectField
              label={t('checklists.ruleKind')}
              value={rule.kind}
              onChange={(kind) => editRule((r) => void (r.kind = kind))}
              options={optionsOf(ruleKinds, (k) => t(`cases.ruleKind.${k}`))}
            />
            <SelectField
              label={t('checklists.ruleStart')}
              value={rule.start}
              onChange={(start) => editRule((r) => void (r.start = start))}
              options={optionsOf(startEvents, (s) => t(`cases.start.${s}`))}
            />
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
