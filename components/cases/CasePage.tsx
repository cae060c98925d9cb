import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { download } from '@/components/download';
import { useI18n } from '@/components/i18n';
import { caseOutcomes, caseTypeById, uploadLimitFor, type CaseOutcome, type Checklists } from '@/lib/cases';
import { checkAttachment, formatBytes, formatPlatformWarning, localizeAttachmentError, platformWarnings } from '@/lib/cases/attachments';
import { storeAttachments } from '@/lib/cases/capture';
import { requestPersistentStorage } from '@/lib/quota';
import { errorText } from '@/lib/i18n/errors';
import { buildEvidencePackage, packageFileName } from '@/lib/cases/package';
import { getDb } from '@/lib/db/database';
import type { AttachmentRecord, CaseRecord } from '@/lib/db/records';
import type { CaseType } from '@/lib/cases/schema';
import type { Locale } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { CaseChecklist, Deadline } from './CaseChecklist';
import { CaseDetailsForm } from './CaseDetailsForm';
import { CaseStart } from './CaseStart';
import { SelectField } from '@/components/ui/SelectField';

// The full case page (an extension page, so it reads and writes Dexie directly for the Blobs):
// the checklist, attachments with previews, files added by the agent, the platform's upload
// limits, the evidence package, and closing the case with its outcome.

async function storageUsage(): Promise<{ used: number; quota: number; persisted: boolean }> {
  const est = await navigator.storage?.estimate();
  const persisted = (await navigator.storage?.persisted?.()) ?? false;
  return { used: est?.usage ?? 0, quota: est?.quota ?? 0, persisted };
}

async function downloadPackage(record: CaseRecord, type: CaseType, platformName: string, locale: Locale): Promise<void> {
  const all: AttachmentRecord[] = await getDb().attachments.where('caseId').equals(record.id).toArray();
  const zip = await buildEvidencePackage({ caseRecord: record, caseType: type, platformName, attachments: all, locale, now: Date.now() });
  download(packageFileName(record), new Blob([zip as BlobPart], { type: 'application/zip' }), 'application/zip');
}

export function CasePage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const record = useLiveQuery(() => getDb().cases.get(id), [id]);
  const attachments = useLiveQuery(() => getDb().attachments.where('caseId').equals(id).toArray(), [id]);
  const [defs, setDefs] = useState<Checklists | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  // No default outcome: closing needs the agent's choice (a slip must not close a case as won).
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [usage, setUsage] = useState<{ used: number; quota: number; persisted: boolean } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileItem, setFileItem] = useState<string | null>(null);

  useEffect(() => {
    void send('cases.definitions', { language: locale }).then(setDefs);
  }, [locale]);
  const refreshUsage = () => storageUsage().then(setUsage);
  const count = attachments?.length ?? 0;
  useEffect(() => {
    let alive = true;
    // Evidence must not be evicted when the disk fills (also for tab captures made in the console).
    requestPersistentStorage();
    void (async () => {
      const u = await storageUsage();
      if (alive) setUsage(u);
    })();
    return () => {
      alive = false;
    };
  }, [count]);

  if (record === undefined || !defs) return <p>{t('common.loading')}</p>;
  if (!record) return <p role="alert">{t('caseUi.notFound')}</p>;
  const type = caseTypeById(defs, record.disputeType);
  const platform = defs.platforms.find((p) => p.id === record.platform);
  const limit = uploadLimitFor(defs, record.platform);

  const addFiles = async (itemId: string, files: FileList) => {
    setErrors([]);
    setStatus('');
    // Validate every file before writing any (rule 6).
    const checked: { file: File; type: string }[] = [];
    const problems: string[] = [];
    for (const file of Array.from(files)) {
      const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
      const r = checkAttachment(file, head);
      if (!r.ok) problems.push(...r.errors.map((e) => localizeAttachmentError(e, locale)));
      else checked.push({ file, type: r.type });
    }
    if (problems.length) {
      setErrors(problems);
      return;
    }
    // Evidence must not be evicted when the disk fills: ask for persistent storage (not awaited).
    requestPersistentStorage();
    try {
      // All the chosen files, or none of them.
      await storeAttachments(
        getDb(),
        checked.map(({ file, type: mime }) => ({
          caseId: record.id,
          itemId,
          name: file.name,
          blob: new Blob([file], { type: mime }),
          sourceUrl: '',
        })),
      );
      setStatus(t('caseUi.filesAdded', { count: checked.length }));
    } catch (e) {
      setErrors([errorText(e, t, (message) => t('caseUi.storageFailed', { message }))]);
    }
    await refreshUsage();
  };

  const exportPackage = async () => {
    if (!type) return;
    await downloadPackage(record, type, platform?.name ?? record.platform, locale);
    setStatus(t('caseUi.exported'));
  };

  const byItem = (itemId: string) => (attachments ?? []).filter((a) => a.itemId === itemId);
  const titleOf = (itemId: string | null) => (itemId ? (type?.items.find((i) => i.id === itemId)?.title ?? itemId) : null);
  const warnings = platformWarnings(attachments ?? [], limit, platform?.name).map((w) => {
    const title = titleOf(w.itemId);
    return title ? `${title}: ${formatPlatformWarning(w, locale)}` : formatPlatformWarning(w, locale);
  });

  return (
    <main className="case-page">
      <h1>
        {type?.title ?? record.caseTypeTitle ?? record.disputeType} · {t('overlay.order', { order: record.orderNo })}
      </h1>
      <p className="muted">
        {platform?.name ?? record.platform} ·{' '}
        {record.status === 'open' || !record.outcome ? t('cases.open') : t(`cases.outcome.${record.outcome}`)}
      </p>
      <Deadline record={record} />
      <CaseStart key={`${record.startedAt}-${record.startSource ?? ''}`} record={record} idPrefix="case" />
      <div className="row wrap">
        <SelectField
          label={t('caseUi.platform')}
          value={record.platform}
          onChange={(platform) => void send('cases.update', { id: record.id, platform })}
          options={defs.platforms.map((p) => ({ value: p.id, label: p.name }))}
        />
      </div>
      {limit?.note && <p className="muted">{limit.note}</p>}
      <CaseDetailsForm key={record.id} record={record} idPrefix="case-details" open />
      <CaseChecklist
        record={record}
        defs={defs}
        idPrefix="case"
        onChange={() => undefined}
        itemExtra={(itemId) => (
          <div className="case-files">
            <ul className="thumbs" aria-label={t('caseUi.evidenceOf', { item: type?.items.find((i) => i.id === itemId)?.title ?? itemId })}>
              {byItem(itemId).map((a) => (
                <li key={a.id}>
                  {a.preview ? <img src={a.preview} alt={a.name} /> : <span className="file-icon">PDF</span>}
                  <span>
                    {a.name} · {formatBytes(a.size)} · {new Date(a.createdAt).toLocaleString(locale)}
                  </span>
                  <button type="button" onClick={() => void getDb().attachments.delete(a.id)}>
                    {t('caseUi.removeFile', { name: a.name })}
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              onClick={() => {
                setFileItem(itemId);
                fileRef.current?.click();
              }}
            >
              {t('caseUi.addFiles', { item: type?.items.find((i) => i.id === itemId)?.title ?? itemId })}
            </button>
          </div>
        )}
      />
      <input
        ref={fileRef}
        type="file"
        multiple
        hidden
        accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
        aria-label={t('caseUi.addFilesShort')}
        onChange={(e) => {
          const files = e.target.files;
          if (files && fileItem) void addFiles(fileItem, files).finally(() => (e.target.value = ''));
        }}
      />
      {warnings.length > 0 && (
        <ul className="warnings" aria-label={t('caseUi.uploadWarnings')}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div role="alert" className="tm-errors">
          <ul>
            {errors.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      )}
      <p role="status">{status}</p>
      {usage && (
        <p className="muted">
          {t('caseUi.storage', { used: formatBytes(usage.used), quota: formatBytes(usage.quota) })} ·{' '}
          {usage.persisted ? t('caseUi.persisted') : t('caseUi.notPersisted')}
        </p>
      )}
      <div className="row wrap">
        <button type="button" className="primary" onClick={() => void exportPackage()}>
          {t('caseUi.exportPackage')}
        </button>
      </div>
      <h2>{t('caseUi.outcome')}</h2>
      {record.status === 'open' ? (
        <div className="row wrap">
          <label>
            <span>{t('caseUi.outcomeLabel')}</span>
            <select value={outcome} onChange={(e) => setOutcome(e.target.value as CaseOutcome | '')}>
              <option value="" disabled>
                {t('caseUi.outcomePick')}
              </option>
              {caseOutcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`cases.outcome.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!outcome} onClick={() => outcome && void send('cases.close', { id: record.id, outcome })}>
            {t('caseUi.close')}
          </button>
          {!outcome && <span className="muted">{t('caseUi.closeNeedsOutcome')}</span>}
        </div>
      ) : (
        <button type="button" onClick={() => void send('cases.reopen', { id: record.id })}>
          {t('caseUi.reopen')}
        </button>
      )}
    </main>
  );
}
