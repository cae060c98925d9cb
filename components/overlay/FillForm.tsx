import { useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useI18n } from '@/components/i18n';
import type { PickerTemplate } from '@/lib/templates/search';
import type { FieldSpec } from '@/lib/templates/variables';
import { composing } from './ime';

/** A template whose fill-in fields are missing values: the picker asks for them before inserting. */
export interface FormStage {
  kind: 'form';
  template: PickerTemplate;
  fields: FieldSpec[];
  values: Record<string, string>;
}

/** The fill-in form (Tab cycles its fields, Enter inserts, Escape goes back to the list). */
export function FillForm({
  style,
  stage,
  onCancel,
  onSubmit,
  error,
}: {
  style: CSSProperties;
  stage: FormStage;
  onCancel: () => void;
  onSubmit: (values: Record<string, string>) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...stage.values }));
  const formRef = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (composing(e)) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Tab') {
      // Tab cycles through the fields and stays in the form.
      const inputs = Array.from(formRef.current?.querySelectorAll('input') ?? []);
      const i = inputs.indexOf(e.target as HTMLInputElement);
      const next = inputs[(i + (e.shiftKey ? -1 : 1) + inputs.length) % inputs.length];
      e.preventDefault();
      next?.focus();
    }
  };
  return (
    <form
      ref={formRef}
      className="dm-picker"
      role="dialog"
      aria-label={t('picker.fillTitle')}
      style={style}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(values);
      }}
    >
      <h3>
        {t('picker.fillTitle')} · {stage.template.title}
      </h3>
      {stage.fields.map((f) => (
        <label key={f.key}>
          <span>{f.label}</span>
          <input type="text" value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
        </label>
      ))}
      <button type="submit" className="dm-primary">
        {t('picker.insert')}
      </button>
      {error && (
        <p role="alert" className="dm-error">
          {error}
        </p>
      )}
    </form>
  );
}
