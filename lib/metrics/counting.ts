// The counting profiles' numbers live with the site configs that name them: lib/sites/counting.ts.
// This re-export stays only until lib/sites/teach/config.ts imports that module itself (it is
// the last importer; while it remains, lib/sites and lib/metrics import each other).
export { formatClock, PROFILE_DEFAULTS } from '@/lib/sites/counting';
