// Count, mean, median and 90th percentile of reply times, by selection (no sort).

export interface Stats {
  /** Values the figures are over. */
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/**
 * Reorders a[left..right] so that a[k] holds the k-th smallest value, smaller ones before it and
 * larger ones after it (quickselect, Hoare partition with a median-of-three pivot): O(n), no sort.
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three as the pivot, so sorted or equal input stays O(n).
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Quantile by linear interpolation between closest ranks (Excel PERCENTILE.INC, numpy's default):
 * position (n − 1)·q. Reorders `a` (a scratch copy); `left` = how many smallest values are already
 * in place (each ≤ everything after it), to chain quantiles in ascending q.
 */
export function quantile(a: Float64Array, q: number, left = 0): number | null {
  const n = a.length;
  if (!n) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  if (lo >= left) select(a, lo, left, n - 1);
  const v = a[lo]!;
  if (pos === lo) return v;
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i]! < next) next = a[i]!;
  return v + (next - v) * (pos - lo);
}

/** Quantile of values already in ascending order. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (!n) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  return a + (sorted[hi]! - a) * (pos - lo);
}

/** Count, mean, median and 90th percentile (by selection, no sort); reorders `values` when it is a Float64Array. */
export function stats(values: Float64Array | readonly number[]): Stats {
  const a = values instanceof Float64Array ? values : Float64Array.from(values);
  const n = a.length;
  if (!n) return { count: 0, mean: null, median: null, p90: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]!;
  const median = quantile(a, 0.5);
  const p90 = quantile(a, 0.9, Math.floor((n - 1) * 0.5) + 1);
  return { count: n, mean: sum / n, median, p90 };
}
