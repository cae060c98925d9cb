import { useI18n } from '@/components/i18n';
import { localizeError } from '@/lib/i18n/errors';

/** Validation errors (each naming its row/item and field), announced, in the agent's language. */
export function ErrorList({ errors, heading }: { errors: readonly string[]; heading?: string }) {
  const { locale } = useI18n();
  if (!errors.length) return null;
  return (
    <div role="alert" className="tm-errors">
      {heading && <p>{heading}</p>}
      <ul>
        {errors.map((x) => (
          <li key={x}>{localizeError(x, locale)}</li>
        ))}
      </ul>
    </div>
  );
}
