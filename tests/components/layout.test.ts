/** The note layout and page shell, rendered with the container API over the fixture `watch-rows`. */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import { getArchive } from '../../src/archive/index.ts';
import PullQuote from '../../src/components/PullQuote.astro';
import Note from '../../src/layouts/Note.astro';
import { site } from '../../src/site.config.ts';
import { all, attr, one, parse, text } from './html.ts';

let container: AstroContainer;

beforeAll(async () => {
  process.env.ASOF_ROOT = 'tests/fixtures/archives/watch-rows';
  container = await AstroContainer.create();
});

async function notePage(id: string) {
  const note = getArchive().noteById.get(id)!;
  const html = await container.renderToString(Note, { props: { note }, slots: { default: '<p>Body text.</p>' } });
  return { html, tree: parse(html) };
}

describe('Note layout', () => {
  it('states title, date, author, tags, the snapshot read and now, above the body', async () => {
    const { tree } = await notePage('2026-03-05-first-view');
    const header = one(tree, 'header.note-header');
    expect(text(one(header, 'h1'))).toBe('First view: a rate near its ceiling');
    expect(text(one(header, 'p.note-meta'))).toBe(`5 Mar 2026 · ${site.defaultAuthor}`);
    expect(all(one(header, 'ul.tag-list'), 'a').map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['rates', '/tags/rates/'],
      ['fixture', '/tags/fixture/'],
    ]);
    const asof = one(header, 'p.note-asof');
    expect(text(asof)).toMatch(/^Read with snapshot 5 Mar 2026 · now 1 Jul 2026 “Then” is what/);
    expect(all(asof, 'time').map((t) => attr(t, 'datetime'))).toEqual(['2026-03-05', '2026-07-01']);
    // The body, then the conditions' timeline (the body did not place one).
    expect(text(one(tree, 'div.prose'))).toMatch(/^Body text\.The conditions over time/);
    expect(all(tree, 'section.watch-timeline')).toHaveLength(1);
    // Not reconstructed, and a newer snapshot exists: neither label.
    expect(all(asof, 'span.note-reconstructed')).toHaveLength(0);
    expect(all(asof, 'span.note-no-newer')).toHaveLength(0);
  });

  it('lists the later notes that link here, then the disclaimer and copyright', async () => {
    const { tree } = await notePage('2026-03-05-first-view');
    const footer = one(tree, 'footer.note-footer');
    const links = all(one(footer, 'section.linked-from'), 'a');
    expect(links.map((a) => [text(a), attr(a, 'href')])).toEqual([['Follow-up after the bill', '/notes/2026-04-20-follow-up/']]);
    expect(text(one(footer, 'p.disclaimer'))).toBe(site.disclaimer);
    expect(text(one(footer, 'p.copyright'))).toBe(site.copyright);
    // The copyright is printed once, under the note, not again in the page footer.
    expect(text(tree).split(site.copyright).length - 1).toBe(1);
  });

  it('has no "linked from" section when no later note links here', async () => {
    const { tree } = await notePage('2026-04-20-follow-up');
    expect(all(tree, 'section.linked-from')).toHaveLength(0);
    expect(all(tree, 'p.disclaimer')).toHaveLength(1);
  });

  it('wraps the page in the shell: language, title, skip link, navigation, no script', async () => {
    const { html, tree } = await notePage('2026-04-20-follow-up');
    expect(html).toMatch(/^(<!DOCTYPE html>)?<html lang="en"/i);
    expect(html).toContain(`<title>Follow-up after the bill · ${site.publisher}</title>`);
    expect(attr(one(tree, 'a.skip-link'), 'href')).toBe('#main');
    expect(all(tree, 'main#main')).toHaveLength(1);
    expect(all(one(tree, 'nav.site-nav'), 'a').map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['Notes', '/'],
      ['Watch', '/watch/'],
      ['Series', '/series/'],
      ['Tags', '/tags/'],
      ['Search', '/search/'],
    ]);
    expect(all(tree, 'script')).toHaveLength(0);
    expect(attr(one(tree, 'link[rel=canonical]'), 'href')).toBe(`${site.url}/notes/2026-04-20-follow-up/`);
  });
});

describe('PullQuote', () => {
  it('is a figure with the quote and its source as caption, escaped', async () => {
    const html = await container.renderToString(PullQuote, { props: { cite: 'A <b>bold</b> source' }, slots: { default: 'Words worth repeating.' } });
    const fig = one(parse(html), 'figure.pull-quote');
    expect(text(one(fig, 'blockquote'))).toBe('Words worth repeating.');
    expect(text(one(fig, 'figcaption'))).toBe('— A <b>bold</b> source');
    expect(all(fig, 'b')).toHaveLength(0);
  });

  it('has no caption without a cite', async () => {
    const html = await container.renderToString(PullQuote, { slots: { default: 'Unattributed.' } });
    expect(all(parse(html), 'figcaption')).toHaveLength(0);
  });
});
