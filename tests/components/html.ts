/** A few queries over parse5's tree, so component tests assert on structure and text, not regexes. */
import { parseFragment } from 'parse5';

export interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
  value?: string;
}

export function parse(html: string): Node {
  return parseFragment(html) as unknown as Node;
}

export function attr(n: Node, name: string): string | undefined {
  return n.attrs?.find((a) => a.name === name)?.value;
}

function* walk(n: Node): Generator<Node> {
  yield n;
  for (const c of n.childNodes ?? []) yield* walk(c);
  if (n.content) yield* walk(n.content);
}

/** Elements matching a tiny selector: `tag`, `.class`, `#id`, `tag.class`, `[attr]`, `[attr=value]`. */
export function all(root: Node, selector: string): Node[] {
  const m = /^([a-z0-9-]*)(?:#([\w-]+))?((?:\.[\w-]+)*)(?:\[([\w-]+)(?:=([^\]]*))?\])?$/i.exec(selector);
  if (!m) throw new Error(`unsupported selector ${selector}`);
  const [, tag, id, classes, an, av] = m;
  const want = (classes ?? '').split('.').filter(Boolean);
  return [...walk(root)].filter((n) => {
    if (!n.tagName) return false;
    if (tag && n.tagName !== tag) return false;
    if (id && attr(n, 'id') !== id) return false;
    const cls = (attr(n, 'class') ?? '').split(/\s+/);
    if (!want.every((c) => cls.includes(c))) return false;
    if (an && (attr(n, an) === undefined || (av !== undefined && attr(n, an) !== av))) return false;
    return true;
  });
}

export function one(root: Node, selector: string): Node {
  const found = all(root, selector);
  if (found.length !== 1) throw new Error(`expected one ${selector}, found ${found.length}`);
  return found[0]!;
}

/** Text content with whitespace collapsed. */
export function text(n: Node): string {
  let out = '';
  for (const x of walk(n)) if (x.nodeName === '#text') out += x.value ?? '';
  return out.replace(/\s+/g, ' ').trim();
}

/** Text of the element's own text children (not its descendants'), whitespace collapsed. */
export function ownText(n: Node): string {
  return (n.childNodes ?? [])
    .filter((c) => c.nodeName === '#text')
    .map((c) => c.value ?? '')
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
