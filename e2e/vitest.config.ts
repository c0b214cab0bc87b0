import { defineConfig } from 'vitest/config';

// Browser journeys: one product server (a fresh copy of the demo loaded once by
// e2e/global-setup.ts, the built web app) per file, driven in Chromium. Run through scripts/e2e.mjs, which builds the web app first.
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    // A real browser on a shared 2-core machine now and then misses a frame (an animation, a
    // dialog still opening); one retry absorbs that, while a real fault fails twice.
    retry: 1,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
