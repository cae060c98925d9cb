import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import type { z } from 'zod';
import type { RestorableSetting, settingSchemas } from '@/lib/backup/setting-schemas';
import { SettingRefused, writeSetting } from '@/lib/backup/write-setting';

// The options page's and the popup's controls write settings through `writeSetting` (parsed with
// the schema a backup's value is parsed with; docs/security.md S11). A refused value is written
// nowhere and shown by <SettingRefusedNotice> on the page, naming the setting and what is wrong.

const EVENT = 'deskmate-setting-refused';

/** Writes a setting; resolves to whether it was written. A refusal is announced on the page. */
export function saveSetting<K extends RestorableSetting>(key: K, value: z.input<(typeof settingSchemas)[K]>): Promise<boolean> {
  return writeSetting(key, value).then(
    () => true,
    (e: unknown) => {
      const message = e instanceof SettingRefused ? e.message : String(e);
      window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
      return false;
    },
  );
}

/** The last refused setting write on this page, as an alert. */
export function SettingRefusedNotice() {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const on = (e: Event) => setMessage((e as CustomEvent<string>).detail);
    window.addEventListener(EVENT, on);
    return () => window.removeEventListener(EVENT, on);
  }, []);
  if (!message) return null;
  return (
    <p role="alert" className="tm-errors">
      {t('settings.refused', { message })}
    </p>
  );
}
