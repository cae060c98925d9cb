/**
 * Running out of storage (the browser's quota for the extension, or the disk): recognised
 * wherever it surfaces — the DOMException itself, Dexie's wrapper around it (`inner`), an
 * aborted transaction's cause, or a background reply (`code: 'quota'`) — so the agent gets one
 * clear message instead of an empty "QuotaExceededError".
 *
 * Every write that can be large runs in one transaction (evidence files, imports, restore), so a
 * refused write leaves nothing half-written and the data already there untouched.
 */
export const QUOTA_CODE = 'quota';

export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; message?: unknown };
  if (e.name === 'QuotaExceededError' || e.code === QUOTA_CODE) return true;
  // Chromium reports a full disk under the quota name; a transaction aborted by it says so.
  if (typeof e.message === 'string' && /QuotaExceeded|quota (has been )?exceeded/i.test(e.message)) return true;
  return isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1);
}

/**
 * Asks the browser not to evict Deskmate's data (evidence above all) when the disk fills. Never
 * awaited before a write: Firefox may answer only after the user responds to a prompt, which can
 * stay open indefinitely.
 */
export function requestPersistentStorage(): void {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist || !storage.persisted) return;
  void storage
    .persisted()
    .then((granted) => (granted ? undefined : storage.persist()))
    .catch(() => undefined);
}
