/**
 * Figures in notes: a paragraph holding only a titled Markdown image beside the note becomes a
 * <figure> with a <figcaption>, through Astro's image pipeline, under the base "/" and "/archive/".
 * Fixture `figures`: fig-1.svg (320x160) and fig-2.png (64x40) in content/notes/figures/, two
 * captioned figures, one image without a title and one titled image inside a sentence.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ARCHIVES, all, attr, fixtureSite, hasClass, page, tag, text, type Document } from './helpers.ts';

const NOTE = 'notes/2026-03-05-with-figures/index.html';

describe.each(['/', '/archive/'] as const)('figures under base %s', (base) => {
  let dist: string;
  let doc: Document;
  beforeAll(async () => {
    dist = await fixtureSite('figures', { base });
    doc = page(dist, NOTE);
  }, 300_000);

  /** The built file an URL of the site points at. */
  const fileOf = (src: string) => {
    expect(src.startsWith(`${base}_astro/`), src).toBe(true);
    return join(dist, src.slice(base.length));
  };

  test('a titled image alone in its paragraph becomes a figure with its caption', () => {
    const figures = all(doc, tag('figure')).filter(hasClass('note-figure'));
    expect(figures.map((f) => text(all(f, tag('figcaption'))[0]!))).toEqual(['Fig. 1 — A line that rises, drawn by hand', 'Fig. 2 — A raster figure']);
    const imgs = figures.map((f) => all(f, tag('img')));
    expect(imgs.map((i) => i.length)).toEqual([1, 1]);
    expect(imgs.map((i) => attr(i[0]!, 'alt'))).toEqual(['A rising line on a grid', 'A small blue square']);
    // The caption is the title: it is not repeated as a tooltip.
    expect(imgs.map((i) => attr(i[0]!, 'title'))).toEqual([undefined, undefined]);
    // Intrinsic sizes come from the files, so the page does not shift as they load.
    expect(imgs.map((i) => [attr(i[0]!, 'width'), attr(i[0]!, 'height')])).toEqual([
      ['320', '160'],
      ['64', '40'],
    ]);
  });

  test('each image URL carries the base and resolves to a file the build emitted', () => {
    const [svg, png] = all(doc, tag('figure')).filter(hasClass('note-figure')).map((f) => attr(all(f, tag('img'))[0]!, 'src')!);
    // SVG passes through unchanged; the PNG is converted by Astro's image service.
    expect(svg).toMatch(/\.svg$/);
    expect(readFileSync(fileOf(svg!), 'utf8')).toBe(readFileSync(join(ARCHIVES, 'figures/content/notes/figures/fig-1.svg'), 'utf8'));
    expect(png).toMatch(/\.webp$/);
    const webp = readFileSync(fileOf(png!));
    expect(webp.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  test('an image without a title, or inside a sentence, stays an image', () => {
    const loose = all(doc, tag('img')).filter((i) => ['No caption here', 'an inline picture'].includes(attr(i, 'alt') ?? ''));
    expect(loose).toHaveLength(2);
    for (const i of loose) expect(existsSync(fileOf(attr(i, 'src')!))).toBe(true);
    expect(all(doc, tag('figure')).filter(hasClass('note-figure'))).toHaveLength(2);
    expect(all(doc, tag('figcaption')).some((c) => text(c) === 'not a caption')).toBe(false);
  });
});
