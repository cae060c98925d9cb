import { FileButton } from '@/components/FileButton';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { download, fileStamp } from '@/components/download';
import { ErrorList } from '@/components/ErrorList';
import { useI18n } from '@/components/i18n';
import { exportAll, MAX_BACKUP_BYTES, parseBackup, restoreAll } from '@/lib/backup/backup';
import { readFileText } from '@/lib/validate';
import { getDb } from '@/lib/db/database';
import { send } from '@/lib/messaging/client';
import { publishMatchIndex } from '@/lib/sites/store';
import { errorText } from '@/lib/i18n/errors';

/** Options → General: all data in one file, and back. */
export function BackupRestore() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');

  const backup = async () => {
    setStatus(t('backup.working'));
    const settings = await browser.storage.local.get(null);
    const data = await exportAll(getDb(), settings);
    download(`deskmate-backup-${fileStamp()}.json`, JSON.stringify(data), 'application/json');
    setStatus(t('backup.done'));
  };

  const restore = async (file: File) => {
    setErrors([]);
    setStatus('');
    const text = await readFileText(file, MAX_BACKUP_BYTES);
    const parsed = text.ok ? parseBackup(text.value) : text;
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    if (!confirm(t('backup.confirm', { file: file.name }))) return;
    try {
      const counts = await restoreAll(getDb(), parsed.value, browser.storage.local);
      await publishMatchIndex(getDb());
      await send('cases.changed', {}); // deadline alarms, open waits and the badge follow the new data
      setStatus(t('backup.restored', { templates: counts.templates ?? 0, cases: counts.cases ?? 0 }));
    } catch (e) {
      setErrors([errorText(e, t, (message) => t('backup.failed', { message }))]);
    }
  };

  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backup.title')}</h2>
      <p className="muted">{t('backup.help')}</p>
      <div className="row wrap">
        <button type="button" onClick={() => void backup()}>
          {t('backup.export')}
        </button>
        <FileButton label={t('backup.import')} accept=".json,application/json" onFile={(file) => void restore(file)} />
      </div>
      <p role="status" className="muted">
        {status}
      </p>
      <ErrorList errors={errors} heading={t('backup.rejected')} />
    </section>
  );
}
