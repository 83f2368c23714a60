import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The end-to-end suite (`npm run test:e2e`): browser mode driven by Chromium through playwright-core.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/support/build-renderer.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One Chromium at a time: the screenshots and timings stay steady on a small CI machine.
    fileParallelism: false,
  },
});
