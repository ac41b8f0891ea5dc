/**
 * The plain Astro site the benchmark compares asof with: the same Astro (the repo's node_modules,
 * symlinked), the same MDX integration and Markdown processor, the same content collection (glob and
 * frontmatter schema) over the same notes with every asof component removed, and the same page shell
 * (the repo's src/ is copied, so layouts, styles and whatever they import come along), with a note
 * page and an index like asof's but without conditions, charts, tallies or search.
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CONFIG = `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { site } from './src/site.config.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: { processor: satteri() },
  integrations: [mdx(), sitemap()],
  devToolbar: { enabled: false },
  cacheDir: process.env.BENCH_CACHE_DIR,
});
`;

const CONTENT_CONFIG = `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { noteFrontmatterSchema } from './core/schema.ts';

const calendarDates = (data: unknown) => {
  if (!data || typeof data !== 'object') return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const key of ['date', 'snapshot']) {
    const v = out[key];
    if (v instanceof Date && !Number.isNaN(v.getTime())) out[key] = v.toISOString().slice(0, 10);
  }
  return out;
};

const notes = defineCollection({
  loader: glob({ pattern: '*.mdx', base: 'content/notes', generateId: ({ entry }) => entry.replace(/\\.mdx$/, '') }),
  schema: z.preprocess(calendarDates, noteFrontmatterSchema),
});

export const collections = { notes };
`;

const NOTE_PAGE = `---
import { getCollection, render } from 'astro:content';
import Base from '../../layouts/Base.astro';
import { site } from '../../site.config.ts';
import { noteHref, tagHref } from '../../lib/url.ts';
export async function getStaticPaths() {
  const entries = await getCollection('notes', (e) => !e.data.draft);
  return entries.map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
const d = entry.data;
---
<Base title={d.title} description={d.summary}>
  <article class="note">
    <header class="note-header">
      <p class="note-meta"><time datetime={d.date}>{d.date}</time> · {d.author ?? site.defaultAuthor}</p>
      <h1>{d.title}</h1>
      <p class="note-summary">{d.summary}</p>
      <ul class="tags">{d.tags.map((t) => <li><a href={tagHref(t)}>{t}</a></li>)}</ul>
    </header>
    <div class="note-body"><Content /></div>
    <footer class="note-footer"><p class="disclaimer">{site.disclaimer}</p><p><a href={noteHref(entry.id)}>Permalink</a></p></footer>
  </article>
</Base>
`;

const INDEX_PAGE = `---
import { getCollection } from 'astro:content';
import Base from '../layouts/Base.astro';
import { site } from '../site.config.ts';
import { noteHref, tagHref } from '../lib/url.ts';
const notes = (await getCollection('notes', (e) => !e.data.draft)).sort((a, b) => (a.data.date < b.data.date ? 1 : a.data.date > b.data.date ? -1 : a.id < b.id ? 1 : -1));
---
<Base title="Notes" description={site.description}>
  <h1>{site.title}</h1>
  <ol class="note-list">
    {notes.map((n) => (
      <li>
        <time datetime={n.data.date}>{n.data.date}</time>
        <a href={noteHref(n.id)}>{n.data.title}</a>
        <p>{n.data.summary}</p>
        <ul class="tags">{n.data.tags.map((t) => <li><a href={tagHref(t)}>{t}</a></li>)}</ul>
      </li>
    ))}
  </ol>
</Base>
`;

/**
 * Writes the plain project into `dir` (replacing it), with its notes copied from `notesDir`. `repo` is
 * the asof checkout: its node_modules is linked and its src/ copied, minus pages and the collection.
 */
export function writePlainSite(dir: string, repo: string, writeNotes: (notesDir: string) => void): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'asof-bench-plain', private: true, type: 'module' }, null, 2) + '\n');
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  cpSync(join(repo, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  cpSync(join(repo, 'src'), join(dir, 'src'), {
    recursive: true,
    filter: (src) => !src.startsWith(join(repo, 'src', 'pages')) && src !== join(repo, 'src', 'content.config.ts'),
  });
  if (existsSync(join(repo, 'public'))) cpSync(join(repo, 'public'), join(dir, 'public'), { recursive: true });
  writeFileSync(join(dir, 'astro.config.mjs'), CONFIG);
  writeFileSync(join(dir, 'src', 'content.config.ts'), CONTENT_CONFIG);
  mkdirSync(join(dir, 'src', 'pages', 'notes'), { recursive: true });
  writeFileSync(join(dir, 'src', 'pages', 'index.astro'), INDEX_PAGE);
  writeFileSync(join(dir, 'src', 'pages', 'notes', '[id].astro'), NOTE_PAGE);
  writeNotes(join(dir, 'content', 'notes'));
}
