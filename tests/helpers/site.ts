/** Reading a built site: its files, its pages as URL paths, and their HTML parsed with parse5. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes as T } from 'parse5';

export type Element = T.Element;
export type Document = T.Document;

/** Every file under `dir`, relative, with "/" separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export interface Page {
  /** Relative file: `notes/x/index.html`. */
  file: string;
  /** Path under the base: `notes/x/` ("" for the home page, `404.html` for the 404 page). */
  path: string;
}

/** Every HTML page the site publishes (pagefind's own files are not pages). */
export function htmlPages(dist: string): Page[] {
  return listFiles(dist)
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'))
    .map((file) => ({ file, path: file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file }));
}

export function parseHtml(text: string): Document {
  return parse(text);
}

export function* elements(node: T.ParentNode): Generator<Element> {
  for (const child of node.childNodes) {
    if ('tagName' in child) {
      yield child;
      yield* elements(child.tagName === 'template' ? (child as T.Template).content : child);
    }
  }
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function textOf(node: T.ChildNode | T.ParentNode): string {
  if ('value' in node && node.nodeName === '#text') return (node as T.TextNode).value;
  if ('childNodes' in node) return node.childNodes.map((c) => textOf(c)).join('');
  return '';
}

export function readPage(dist: string, page: Page): Document {
  return parseHtml(readFileSync(join(dist, page.file), 'utf8'));
}
