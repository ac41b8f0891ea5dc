/**
 * A Sätteri mdast plugin for the MDX compile: tells each asof component which note it sits in
 * (`__note`) and, for the indexed ones (Watch, WatchGroup, SeriesChart, Value), which one it is
 * (`__index`, in document order), so the component can look up the condition the build already
 * evaluated instead of re-reading anything; an indexed element keeps no other prop.
 */
import { defineMdastPlugin, type MdastPluginEntry, type PluginFactoryContext } from 'satteri';
import { INDEXED_COMPONENTS, isNoteComponent } from './components.ts';
import { NOTE_FILE } from './parse-note.ts';
import { site } from '../site.config.ts';

// The base Astro resolved (astro.config.mjs, `astro build --base`), set by the asof integration's
// config hook before any note compiles; ASOF_BASE until then (plain Node callers).
let linkBase = site.base;
export function setNoteLinkBase(base: string): void {
  linkBase = base;
}

type Attr = { type: 'mdxJsxAttribute'; name: string; value: string | { type: 'mdxJsxAttributeValueExpression'; value: string } };

export const injectNoteProps: MdastPluginEntry = (ctx: PluginFactoryContext) => {
  const name = ctx.fileURL ? decodeURIComponent(ctx.fileURL.pathname.split('/').at(-1) ?? '') : '';
  if (!NOTE_FILE.test(name)) return null;
  const note = name.replace(/\.mdx$/, '');
  const counters: Record<string, number> = Object.fromEntries(INDEXED_COMPONENTS.map((n) => [n, 0]));
  const visit = (node: { name?: string | null; attributes: unknown[]; children?: unknown[] }, c: { replaceNode: (a: never, b: never) => void }) => {
    if (!node.name || !isNoteComponent(node.name) || node.name === 'PullQuote') return;
    const extra: Attr[] = [{ type: 'mdxJsxAttribute', name: '__note', value: note }];
    if (!(node.name in counters)) {
      c.replaceNode(node as never, { ...node, attributes: [...node.attributes, ...extra] } as never);
      return;
    }
    extra.push({ type: 'mdxJsxAttribute', name: '__index', value: { type: 'mdxJsxAttributeValueExpression', value: String(counters[node.name]!++) } });
    // An indexed component renders from its record alone, so its props as written (and a Watch's
    // label) are left out of the compiled note: 15-25 elements a note, about 2 KB of every module.
    // A group keeps its children, the Watch rows it holds.
    const children = node.name === 'WatchGroup' ? node.children : [];
    c.replaceNode(node as never, { ...node, attributes: extra, children } as never);
  };
  // Authors link to other notes as /notes/<id>/ (and to images in public/ as /x.png); under a base
  // path (/archive/) the link must carry it.
  const base = linkBase.endsWith('/') ? linkBase : `${linkBase}/`;
  const rebase = (node: { url?: string }, c: { setProperty: (n: never, k: never, v: never) => void }) => {
    if (base !== '/' && typeof node.url === 'string' && node.url.startsWith('/') && !node.url.startsWith('//') && !node.url.startsWith(base)) {
      c.setProperty(node as never, 'url' as never, (base + node.url.slice(1)) as never);
    }
  };
  return defineMdastPlugin({
    name: 'asof-inject-note-props',
    link: (node, c) => rebase(node as never, c as never),
    definition: (node, c) => rebase(node as never, c as never),
    image: (node, c) => rebase(node as never, c as never),
    mdxJsxFlowElement: (node, c) => visit(node as never, c as never),
    mdxJsxTextElement: (node, c) => visit(node as never, c as never),
  });
};
