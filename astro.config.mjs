import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { asof } from './src/integration.ts';
import { injectNoteProps } from './src/notes/inject-note-props.ts';
import { site } from './src/site.config.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: { processor: satteri({ mdastPlugins: [injectNoteProps] }) },
  integrations: [asof(), mdx(), sitemap()],
  devToolbar: { enabled: false },
});
