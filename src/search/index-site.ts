/**
 * The search index, built after `astro build` has exited (`npm run build` runs both). Running pagefind
 * in its own process keeps its memory from adding to the build's: at 10,000 notes the two together
 * passed 11 GB. Only note pages are indexed; the rest of the site is lists of them.
 *
 *   node src/search/index-site.ts [dist]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function indexSite(dist: string): Promise<number> {
  const { createIndex, close } = await import('pagefind');
  try {
    const { index, errors } = await createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dist, glob: 'notes/**/*.html' });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(dist, 'pagefind') });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`search index: ${dist} holds no built site; run \`astro build\` first`);
    process.exit(1);
  }
  const pages = await indexSite(dist);
  console.log(`search index: ${pages} note pages in ${join(dist, 'pagefind')}`);
}
