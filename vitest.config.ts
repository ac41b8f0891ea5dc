import { defineConfig } from 'vitest/config';

// Every `tests/**/*.test.ts` runs under Node; add a folder under tests/ and it is picked up.
// The long timeout is for build tests that run a whole Astro build.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
