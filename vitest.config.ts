import { configDefaults, defineConfig } from 'vitest/config';

// Every `tests/**/*.test.ts` runs under Node; add a folder under tests/ and it is picked up.
// The long timeout is for build tests that run a whole Astro build.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // One scratch folder per run for site builds that several test files share (tests/helpers/shared-build.ts).
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Vitest leaves one core idle by default; most of this suite waits on builds and browsers, which
    // run in processes of their own, so a worker per core finishes sooner on the 2-core machines.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Component tests (tests/components/) compile .astro files, so they run as their own project
    // with Astro's Vite plugins; everything else runs as configured above.
    projects: [
      { extends: true, test: { name: 'asof', exclude: [...configDefaults.exclude, 'tests/components/**'] } },
      'tests/components/vitest.config.ts',
    ],
  },
});
