import type { ReactNode } from 'react';

// A labelled <select> over a list of options: the markup every editor and form repeated.

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** `options` in order; `children` are extra options before them (an empty choice, an unknown value). */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  id,
  children,
}: {
  label: string;
  value: T | '';
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  id?: string;
  children?: ReactNode;
}) {
  return (
    <label htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {children}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Options from a list of values, each labelled by `label`. */
export function optionsOf<T extends string>(values: readonly T[], label: (value: T) => string): SelectOption<T>[] {
  return values.map((value) => ({ value, label: label(value) }));
}
