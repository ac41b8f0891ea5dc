/**
 * Component tests render .astro files with Astro's container API, so they need Astro's Vite
 * plugins. `configFile: false` keeps astro.config.mjs (and the asof integration's hooks, which set
 * process-wide env for dev) out of the test process: components only need the compiler.
 */
import { getViteConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default getViteConfig(
  {
    root,
    test: {
      name: 'components',
      root,
      include: ['tests/components/**/*.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
    },
  },
  { root, configFile: false, logLevel: 'error' },
);
