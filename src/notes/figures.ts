/**
 * A Sätteri mdast plugin for notes: a paragraph holding nothing but an image that has a title,
 *
 *     ![A chart of the yen](./figures/fig-1.svg "Fig. 1 — The yen since June")
 *
 * becomes `<figure class="note-figure">` with the image and the title as its `<figcaption>`. The
 * image node itself is kept, so Astro's own MDX image step still resolves the relative path, emits
 * the file (optimized where the format allows) and writes its URL under the site's base path.
 * The title moves to the caption rather than staying a tooltip that would repeat it.
 */
import { defineMdastPlugin, type MdastPluginEntry } from 'satteri';
import type { Image, Paragraph, PhrasingContent } from 'mdast';

/** The one image of a paragraph that holds only an image with a title (blank text around it allowed). */
export function captionedImage(p: Pick<Paragraph, 'children'>): (Image & { title: string }) | undefined {
  const parts = p.children.filter((c: PhrasingContent) => !(c.type === 'text' && c.value.trim() === ''));
  const only = parts.length === 1 ? parts[0] : undefined;
  return only?.type === 'image' && typeof only.title === 'string' && only.title.trim() !== '' ? (only as Image & { title: string }) : undefined;
}

export const noteFigures: MdastPluginEntry = () =>
  defineMdastPlugin({
    name: 'asof-note-figures',
    paragraph(node, ctx) {
      const image = captionedImage(node);
      if (!image) return;
      ctx.replaceNode(node, {
        type: 'mdxJsxFlowElement',
        name: 'figure',
        attributes: [{ type: 'mdxJsxAttribute', name: 'class', value: 'note-figure' }],
        children: [
          { type: 'image', url: image.url, alt: image.alt ?? '', title: null },
          { type: 'mdxJsxFlowElement', name: 'figcaption', attributes: [], children: [{ type: 'text', value: image.title.trim() }] },
        ],
      } as never);
    },
  });
