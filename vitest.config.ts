import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    setupFiles: ['test/unit/setup.ts'],
    environment: 'happy-dom',
    restoreMocks: true,
    // A shared 2-core machine (CI) runs these beside builds and browsers: generous, never a timing test.
    testTimeout: 30000,
  },
});
