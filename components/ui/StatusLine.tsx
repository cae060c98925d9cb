import { useI18n } from '@/components/i18n';
import { localizeError } from '@/lib/i18n/errors';

// The status line under a form: what just happened (announced politely), and an error in the
// agent's language (announced at once) when there is one.

export function StatusLine({ status, error, className = 'dm-status' }: { status: string; error?: string | null; className?: string }) {
  const { t, locale } = useI18n();
  return (
    <>
      <p role="status" className={className}>
        {status}
      </p>
      {error && (
        <p role="alert" className="dm-error">
          {t('common.error', { message: localizeError(error, locale) })}
        </p>
      )}
    </>
  );
}
