import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: pure unit tests (src/domain, web helpers) that need nothing, and integration
// tests that each get a fresh database cloned from a migrated template (see test/global-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          // Policies are pure functions of the actor and the record: no database to start.
          include: ['src/domain/**/*.test.ts', 'src/web/**/*.test.ts', 'src/cli/**/*.unit.test.ts', 'src/server/**/*.policy.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['src/server/**/*.test.ts', 'src/cli/**/*.int.test.ts'],
          exclude: [...configDefaults.exclude, 'src/server/**/*.policy.test.ts'],
          globalSetup: ['src/server/test/global-setup.ts'],
          setupFiles: ['src/server/test/setup-file.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
});
