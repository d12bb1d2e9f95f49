import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    hookTimeout: 600_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {name: 'unit', include: ['test/unit/**/*.test.ts', 'test/ui/**/*.test.tsx', 'test/ui/**/*.test.ts'], testTimeout: 30_000},
      },
      {
        extends: true,
        // An e2e test may build an image from scratch in its body; on a loaded 2-core CI machine that
        // alone has taken over 30 s. Each wait inside names its own, tighter bound; this is the backstop.
        test: {name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 300_000},
      },
    ],
  },
});
