import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { noteFrontmatterSchema } from './core/schema.ts';
import { archiveRoot } from './archive/index.ts';

/** Astro's frontmatter parser reads `date: 2026-05-20` as a UTC-midnight Date; take its UTC calendar day back. */
const calendarDates = (data: unknown) => {
  if (!data || typeof data !== 'object') return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const key of ['date', 'snapshot']) {
    const v = out[key];
    if (v instanceof Date && !Number.isNaN(v.getTime())) out[key] = v.toISOString().slice(0, 10);
  }
  return out;
};

/** Notes live in <archive root>/content/notes; their id is the file name: `<YYYY-MM-DD>-<slug>`. */
const notes = defineCollection({
  loader: glob({
    pattern: '*.mdx',
    base: `${archiveRoot()}/content/notes`,
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: z.preprocess(calendarDates, noteFrontmatterSchema),
});

export const collections = { notes };
