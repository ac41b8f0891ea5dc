/**
 * The feed: one item per note, newest first (the newest FEED_LIMIT), dated on the note's calendar day
 * at 00:00 UTC so no time zone moves it.
 */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getArchive } from '../archive/index.ts';
import { FEED_LIMIT } from '../lib/archive-pages.ts';
import { href, noteHref } from '../lib/url.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = (context) =>
  rss({
    title: site.publisher,
    description: site.description,
    // The channel links to the home page, under the base path; item links are absolute paths already.
    site: new URL(href('/'), context.site ?? site.url).href,
    trailingSlash: true,
    items: getArchive()
      .notes.slice(0, FEED_LIMIT)
      .map((n) => ({
        title: n.title,
        link: noteHref(n.id),
        pubDate: new Date(`${n.date}T00:00:00Z`),
        description: n.summary,
        categories: n.tags,
      })),
    customData: `<language>${site.lang}</language>`,
  });
