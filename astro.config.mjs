import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { asof } from './src/integration.ts';
import { injectNoteProps } from './src/notes/inject-note-props.ts';
import { noteFigures } from './src/notes/figures.ts';
import { site } from './src/site.config.ts';

/**
 * Astro marks every MDX note's asset module with the directive "use astro:head-inject", which Astro
 * reads itself before bundling; Rolldown then warns once per note that it may not keep it
 * (withastro/astro#18087). Only that warning is dropped; every other one is printed.
 */
export function quietHeadInject(warning, warn) {
  if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"')) return;
  warn(warning);
}

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  // Up to four pages render at once: their file writes overlap the next page's rendering (about 10%
  // off the render phase at 1,000 notes; every page is independent, so the output is the same).
  build: { format: 'directory', concurrency: 4 },
  // No syntax highlighting: Shiki writes inline styles, which the CSP refuses; code in notes stays plain.
  markdown: { processor: satteri({ mdastPlugins: [injectNoteProps, noteFigures] }), syntaxHighlight: false },
  integrations: [asof(), mdx(), sitemap()],
  devToolbar: { enabled: false },
  // Terser shrinks the chart island's chart.js chunk by ~6 KB gzip over the default minifier (48.7 ->
  // ~42 KB), which keeps a note page with charts well inside its 50 KB JavaScript budget.
  vite: {
    build: {
      minify: 'terser',
      terserOptions: { module: true, compress: { passes: 2 } },
      rolldownOptions: { onwarn: quietHeadInject },
    },
  },
  // Content-Security-Policy as a <meta> on every page: scripts only from this site or by Astro's hashes
  // (never 'unsafe-inline'). Pagefind runs its WebAssembly in a worker, so no 'wasm-unsafe-eval'; its
  // UI draws the search icon from a data: SVG, hence img-src data:. Directives browsers ignore in a
  // <meta> (frame-ancestors, report-uri, sandbox) are left out on purpose.
  security: {
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
    },
  },
});
