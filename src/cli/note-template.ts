/**
 * The text of a new note: frontmatter pinned to a snapshot, the genre's sections, and one example
 * <Watch> on a real series. Pure; the command decides the date, the snapshot and the series.
 */
import type { SeriesMeta } from '../core/schema.ts';

export const SUMMARY_PLACEHOLDER = 'TODO: one or two sentences for the archive index and the feeds.';

/** A file-name slug: lower-case ASCII words joined by dashes, at most 60 characters, cut at a word. */
export function slugOf(title: string): string {
  let slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > 60) {
    const cut = slug.slice(0, 61);
    slug = cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, 60);
  }
  return slug;
}

export interface ExampleWatch {
  id: string;
  meta: SeriesMeta;
  /** For a status series: the state to test for. */
  state?: string;
}

export interface NoteTemplate {
  title: string;
  date: string;
  tags: string[];
  snapshot: string;
  example?: ExampleWatch | undefined;
}

/** JSX text must not open a tag or an expression. */
const jsxText = (s: string) => s.replace(/[{}<>]/g, '');

function exampleWatch(t: NoteTemplate): string {
  const e = t.example;
  if (!e) {
    return `{/* No series is sealed in snapshot ${t.snapshot} yet. Once one is, a condition looks like:
<Watch series="usdjpy" above={150}>USD/JPY above 150</Watch> */}`;
  }
  if (e.meta.kind === 'status') {
    return `<Watch series="${e.id}" equals="${e.state}">${jsxText(e.meta.name)} is ${e.state}</Watch>`;
  }
  return `<Watch series="${e.id}" above="then">${jsxText(e.meta.name)} above its level on ${t.date}</Watch>`;
}

export function noteSource(t: NoteTemplate): string {
  const tags = t.tags.length ? `[${t.tags.join(', ')}]` : '[]';
  return `---
title: ${JSON.stringify(t.title)}
date: ${t.date}
summary: ${JSON.stringify(SUMMARY_PLACEHOLDER)}
tags: ${tags}
snapshot: ${t.snapshot}
---

<WatchSummary />

## Scope

{/* What this note covers, and what it leaves out on purpose. */}

## What Changed

{/* The moves since the last note that matter, with their numbers and dates. */}

## What Did Not Change

{/* What held, and why holding is informative. */}

## What to Watch

{/* One <Watch> per falsifiable condition. Each is shown as it stood on ${t.date} (snapshot ${t.snapshot})
    and as it stands now. Tests: above or below a number, another series or "then" (the value on
    this note's date); equals (status series); trend="rising" over="4w"; add for="14d" to require
    a test to hold for a while. */}

${exampleWatch(t)}

## The Synthesis

{/* How the pieces fit together, and what would change your mind. */}
`;
}
