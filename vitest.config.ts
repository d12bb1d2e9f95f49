import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    hookTimeout: 600_000,
    // Each test file runs with a clean environment and a HOME of its own (test/hermetic-setup.ts).
    setupFiles: ['test/hermetic-setup.ts'],
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {name: 'unit', include: ['test/unit/**/*.test.ts', 'test/ui/**/*.test.tsx', 'test/ui/**/*.test.ts'], testTimeout: 30_000},
      },
      {
        extends: true,
        // An e2e test may build an image or start containers in its body. Each wait inside names its
        // own, tighter bound and fails with what it saw (the screen, the log); this is the backstop.
        // The banner that says the e2e suite was skipped belongs to this project alone (once).
        test: {name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 300_000, globalSetup: ['test/global-setup.ts']},
      },
    ],
  },
});
