import { useI18n } from '@/components/i18n';
import { useStored } from '@/components/useStored';
import { storageFullAt } from '@/lib/settings';

/** Says so while the background cannot store waits for lack of space (lib/quota.ts). */
export function StorageFullNotice({ className }: { className?: string }) {
  const { t } = useI18n();
  const since = useStored(storageFullAt);
  if (!since) return null;
  return (
    <p role="alert" className={className}>
      {t('common.storageFullRecording', { time: new Date(since).toLocaleTimeString() })}
    </p>
  );
}
