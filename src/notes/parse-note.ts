/**
 * Reads one note's MDX source without rendering it: frontmatter, every <Watch> with literal props,
 * every <SeriesChart>, and links to other notes. Parsing uses Sätteri, the same MDX parser Astro
 * compiles the note with, so positions and element order agree with the rendered page.
 * Pure: no filesystem, no Astro.
 */
import { mdxToMdast, type MdastNode } from 'satteri';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'astro/zod';
import { yamlLine } from '../core/dataset.ts';
import { schemaProblems, yamlSyntaxProblems, type SchemaIssue } from '../core/problem-map.ts';
import type { Problem } from '../core/problems.ts';
import {
  groupPropsSchema,
  isoDate,
  noteFrontmatterSchema,
  seriesId,
  valuePropsSchema,
  watchPropsSchema,
  type GroupProps,
  type NoteFrontmatter,
  type ValueProps,
  type WatchProps,
} from '../core/schema.ts';
import { DECIMAL, KEBAB } from '../core/patterns.ts';
import { NOTE_COMPONENT_NAMES, isNoteComponent } from './components.ts';


export const NOTE_FILE = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})-(${KEBAB.source.slice(1, -1)})\\.mdx$`);

/** Props of <SeriesChart>. */
export const chartPropsSchema = z.strictObject({
  /** The series to draw. */
  series: seriesId,
  /** First day shown; defaults to a year before the note. */
  from: isoDate.optional(),
  /** Last day shown; defaults to now. */
  to: isoDate.optional(),
  /** A threshold line. */
  mark: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).optional(),
  /** Accessible title; defaults to the series name. */
  title: z.string().min(1).optional(),
});
export type ChartProps = z.infer<typeof chartPropsSchema>;

export interface Position {
  line: number;
  column: number;
}

export interface RawWatch {
  props: WatchProps;
  /** Plain text of the label (the element's children). */
  label: string;
  /** `props.id`, or a slug of the label. */
  id: string;
  /** Order among the note's Watch elements (what the compile step injects as `__index`). */
  index: number;
  /** Index of the WatchGroup it sits in, if any. */
  group?: number;
  /** False when its props or label are broken (reported in `problems`); kept so indexes stay aligned. */
  valid: boolean;
  position: Position;
}

export interface RawGroup {
  props: GroupProps;
  /** `props.id`, or a slug of the title. */
  id: string;
  /** Order among the note's WatchGroup elements. */
  index: number;
  /** Indexes of its Watch children, in order. */
  children: number[];
  valid: boolean;
  position: Position;
}

export interface RawValue {
  props: ValueProps;
  /** Order among the note's Value elements. */
  index: number;
  valid: boolean;
  position: Position;
}

export interface RawChart {
  props: ChartProps;
  index: number;
  /** False when its props are broken (reported in `problems`); kept so indexes stay aligned. */
  valid: boolean;
  position: Position;
}

export interface NoteLink {
  /** The note id the link points to (`2026-04-15-slug`). */
  target: string;
  position: Position;
}

export interface ParsedNote {
  /** `<YYYY-MM-DD>-<slug>`, from the file name. */
  id: string;
  file: string;
  frontmatter?: NoteFrontmatter;
  /** 1-based line of each frontmatter key, for errors found later (snapshot, date). */
  fieldLine: (field: string) => number | undefined;
  watches: RawWatch[];
  groups: RawGroup[];
  values: RawValue[];
  /** Conditions in document order: a group, then its children; a watch outside any group. */
  order: ({ kind: 'watch'; index: number } | { kind: 'group'; index: number })[];
  charts: RawChart[];
  links: NoteLink[];
  problems: Problem[];
}

/** A slug of a label: lower-case words joined by dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

type Scalar = string | number | boolean;
type Literal = Scalar | (string | number)[];

const NUMBER = DECIMAL;
const STRING = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')$/;

/** A quoted string literal's text, or undefined. */
function stringLiteral(expr: string): string | undefined {
  const str = STRING.exec(expr);
  if (!str) return undefined;
  try {
    return JSON.parse(`"${(str[1] ?? str[2] ?? '').replace(/\\'/g, "'")}"`) as string;
  } catch {
    return undefined;
  }
}

/** An array literal of numbers and strings, `[145, 150]` or `["paused", 'easing']`, or undefined. */
function arrayLiteral(expr: string): (string | number)[] | undefined {
  const inner = /^\[([\s\S]*)\]$/.exec(expr)?.[1];
  if (inner === undefined) return undefined;
  const items: (string | number)[] = [];
  // Items are numbers or quoted strings separated by commas (a comma inside quotes stays).
  const item = /\s*(-?\d+(?:\.\d+)?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*(,|$)/y;
  if (inner.trim() === '') return items;
  let m: RegExpExecArray | null;
  while (item.lastIndex < inner.length && (m = item.exec(inner))) {
    const text = m[1]!;
    items.push(NUMBER.test(text) ? Number(text) : stringLiteral(text)!);
    if (m[2] === '') break;
  }
  return item.lastIndex === inner.length || inner.slice(item.lastIndex).trim() === '' ? items : undefined;
}

/** A JSX attribute's value, which must be a literal: "text", {130}, {-1.5}, {'text'}, {true}, {[1, 2]}. */
function literalOf(value: unknown): { value: Literal } | { error: string } {
  if (value === null || value === undefined) return { value: true };
  if (typeof value === 'string') return { value };
  const expr = String((value as { value?: unknown }).value ?? '').trim();
  const list = arrayLiteral(expr);
  if (list) return { value: list };
  if (NUMBER.test(expr)) return { value: Number(expr) };
  if (expr === 'true' || expr === 'false') return { value: expr === 'true' };
  const str = stringLiteral(expr);
  if (str !== undefined) return { value: str };
  return { error: `{${expr}} is not a literal value` };
}

function textOf(node: MdastNode): string {
  const n = node as { value?: unknown; children?: MdastNode[]; type: string };
  if (n.type === 'text' || n.type === 'inlineCode') return String(n.value ?? '');
  return (n.children ?? []).map(textOf).join('');
}

function positionOf(node: MdastNode): Position {
  const p = (node as { position?: { start: { line: number; column: number } } }).position;
  return { line: p?.start.line ?? 1, column: p?.start.column ?? 1 };
}

const NOTE_HREF = /^\/notes\/(\d{4}-\d{2}-\d{2}-[a-z0-9-]+?)\/?(?:#[\w-]*)?$/;

export function parseNoteSource(file: string, source: string): ParsedNote {
  const problems: Problem[] = [];
  const name = file.split('/').at(-1) ?? file;
  const m = NOTE_FILE.exec(name);
  const id = name.replace(/\.mdx$/, '');
  const note: ParsedNote = { id, file, fieldLine: () => undefined, watches: [], groups: [], values: [], order: [], charts: [], links: [], problems };
  if (!m) {
    problems.push({ file, message: 'a note file must be named <YYYY-MM-DD>-<slug>.mdx', hint: 'Rename it, e.g. 2026-05-20-funding-stress.mdx (slug: lower-case words and dashes)' });
    return note;
  }

  let tree: MdastNode;
  try {
    tree = mdxToMdast(source);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /^(\d+):(\d+): ([\s\S]*?)(?: \(mdx[^)]*\))?$/.exec(msg);
    problems.push({
      file,
      line: pos ? Number(pos[1]) : undefined,
      column: pos ? Number(pos[2]) : undefined,
      message: `MDX syntax error: ${pos ? pos[3] : msg}`,
      hint: 'Close every <Component> tag and {expression}; write a literal "<" as &lt;',
    });
    return note;
  }

  const root = tree as { children?: MdastNode[] };
  const yamlNode = root.children?.[0]?.type === 'yaml' ? (root.children[0] as { value: string }) : undefined;
  if (!yamlNode) {
    problems.push({ file, line: 1, message: 'the note has no frontmatter', hint: 'Start the file with a --- block holding title, date, summary and tags' });
  } else {
    const lines = new LineCounter();
    const doc = parseDocument(yamlNode.value, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    // The YAML block starts on line 2 of the file (after the opening ---).
    note.fieldLine = (field) => {
      const l = yamlLine(doc, lines, [field]);
      return l === undefined ? undefined : l + 1;
    };
    if (doc.errors.length) {
      problems.push(...yamlSyntaxProblems(file, doc.errors, lines, { lineOffset: 1, what: 'frontmatter', hint: 'Fix the YAML between the --- lines' }));
    } else {
      const parsed = noteFrontmatterSchema.safeParse(doc.toJS() ?? {});
      if (!parsed.success) {
        // Lines are the file's: the YAML starts on line 2 (after the opening ---).
        const lineOf = (path: readonly PropertyKey[]) => (yamlLine(doc, lines, path) ?? 1) + 1;
        problems.push(...schemaProblems(parsed.error.issues, { file, schema: noteFrontmatterSchema, keyWord: 'frontmatter key', lineOf, hint: 'See README "Write a note"' }));
      } else {
        note.frontmatter = parsed.data;
        if (parsed.data.date !== m[1]) {
          problems.push({ file, line: note.fieldLine('date'), field: 'date', message: `date ${parsed.data.date} does not match the file name's date ${m[1]}`, hint: 'Make the frontmatter date and the file name agree' });
        }
      }
    }
  }

  const seenIds = new Map<string, Position>();
  /** Claims an anchor id for a condition or group; reports a duplicate. */
  const claim = (wid: string, at: Problem, position: Position, what: string) => {
    const prev = seenIds.get(wid);
    if (prev) problems.push({ ...at, field: 'id', message: `duplicate ${what} id "${wid}" (first used at line ${prev.line})`, hint: 'Give one of them a distinct id="..." prop' });
    else seenIds.set(wid, position);
    return !prev;
  };
  /** Reads an element's attributes as literals; reports spreads and expressions. */
  const propsOf = (n: { name: string; attributes?: unknown[] }, at: Problem): { props: Record<string, Literal>; ok: boolean } => {
    const props: Record<string, Literal> = {};
    let ok = true;
    for (const attr of n.attributes ?? []) {
      const a = attr as { type: string; name?: string; value?: unknown };
      if (a.type !== 'mdxJsxAttribute' || !a.name) {
        problems.push({ ...at, message: `<${n.name}> props must be written out, not spread`, hint: 'Write each prop as name="text" or name={123}' });
        ok = false;
        continue;
      }
      const lit = literalOf(a.value);
      if ('error' in lit) {
        problems.push({ ...at, field: a.name, message: `${lit.error}`, hint: `<${n.name}> props must be literals known when the note is written: "text", {130}, {-1.5}, {[145, 150]}` });
        ok = false;
      } else props[a.name] = lit.value;
    }
    return { props, ok };
  };
  /** Validates props with a schema, reporting each issue at the element. */
  const check = <T,>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: SchemaIssue[] } } }, name: string, props: Record<string, Literal>, at: Problem, hint: string): T | undefined => {
    const parsed = schema.safeParse(props);
    if (parsed.success) return parsed.data;
    problems.push(...schemaProblems(parsed.error.issues, { file, schema, keyWord: `<${name}> prop`, at: { line: at.line!, column: at.column! }, hint }));
    return undefined;
  };

  type Jsx = { type: string; name?: string | null; attributes?: unknown[]; children?: MdastNode[]; url?: string };
  const isJsx = (n: Jsx) => n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement';

  const readWatch = (node: MdastNode, at: Problem, position: Position, group: number | undefined) => {
    const n = node as Jsx & { name: string };
    const { props, ok: literal } = propsOf(n, at);
    const index = note.watches.length;
    const label = textOf(node).replace(/\s+/g, ' ').trim();
    // A prop that was not a literal is already reported; checking the rest would only add knock-on errors.
    const parsed = literal ? check<WatchProps>(watchPropsSchema, 'Watch', props, at, 'Watch props: series, one of above/below/between/equals/trend (+ over), optional for and id') : undefined;
    let valid = parsed !== undefined;
    if (!label) {
      problems.push({ ...at, message: '<Watch> has no label', hint: 'Write the condition in words between <Watch ...> and </Watch>' });
      valid = false;
    }
    const wid = parsed?.id ?? slugify(label);
    if (valid && !claim(wid, at, position, 'Watch')) valid = false;
    // A broken one is kept so indexes stay aligned with the compiled page.
    note.watches.push({ props: (parsed ?? props) as WatchProps, label, id: wid, index, ...(group !== undefined ? { group } : {}), valid, position });
    if (group === undefined) note.order.push({ kind: 'watch', index });
    return index;
  };

  const visit = (node: MdastNode) => {
    const n = node as Jsx;
    if (n.type === 'link' && typeof n.url === 'string' && n.url.startsWith('/notes/')) {
      const link = NOTE_HREF.exec(n.url);
      if (!link) {
        problems.push({ file, ...positionOf(node), message: `link ${n.url} is not a note address`, hint: 'Link to notes as /notes/<YYYY-MM-DD>-<slug>/' });
      } else note.links.push({ target: link[1]!, position: positionOf(node) });
    }
    if (isJsx(n) && n.name && /^[A-Z]/.test(n.name)) {
      const position = positionOf(node);
      const at: Problem = { file, line: position.line, column: position.column, message: '' };
      const name = n.name;
      if (!isNoteComponent(name)) {
        problems.push({ ...at, message: `unknown component <${name}>`, hint: `Notes can use ${NOTE_COMPONENT_NAMES.map((c) => `<${c}>`).join(', ')}` });
      } else if (name === 'Watch') {
        readWatch(node, at, position, undefined);
        return;
      } else if (name === 'WatchGroup') {
        const index = note.groups.length;
        const { props, ok: literal } = propsOf(n as Jsx & { name: string }, at);
        const parsed = literal ? check<GroupProps>(groupPropsSchema, 'WatchGroup', props, at, 'WatchGroup props: title, optional require ("all", "any" or a number) and id') : undefined;
        const gid = parsed ? (parsed.id ?? slugify(parsed.title)) : `group-${index + 1}`;
        const group: RawGroup = { props: (parsed ?? props) as GroupProps, id: gid, index, children: [], valid: parsed !== undefined, position };
        note.groups.push(group);
        note.order.push({ kind: 'group', index });
        if (parsed && !gid) {
          problems.push({ ...at, field: 'title', message: 'the title has no letters or digits to make an id from', hint: 'Give the group an id="..." prop' });
          group.valid = false;
        } else if (parsed && !claim(gid, at, position, 'WatchGroup')) group.valid = false;
        // Children: Watch elements only; MDX wraps loose text in paragraphs.
        for (const child of n.children ?? []) {
          const c = child as Jsx;
          if (isJsx(c) && c.name === 'Watch') group.children.push(readWatch(child, { ...at, ...positionOf(child) }, positionOf(child), index));
          else if (c.type === 'paragraph' && (c.children ?? []).every((g) => isJsx(g as Jsx) && (g as Jsx).name === 'Watch')) {
            for (const g of c.children ?? []) group.children.push(readWatch(g, { ...at, ...positionOf(g) }, positionOf(g), index));
          } else if (c.type === 'mdxFlowExpression' || (c.type === 'text' && !String((c as { value?: string }).value ?? '').trim())) continue;
          else {
            problems.push(
              isJsx(c)
                ? { ...at, ...positionOf(child), message: `<${c.name}> inside <WatchGroup>: a group holds <Watch> elements only`, hint: 'Move it out of the group; groups do not nest' }
                : { ...at, ...positionOf(child), message: '<WatchGroup> holds text: a group holds <Watch> elements only', hint: "Write the group's words in its title, and each condition as a <Watch>" },
            );
            group.valid = false;
          }
        }
        if (group.children.length === 0) {
          problems.push({ ...at, message: '<WatchGroup> has no <Watch> inside', hint: 'Put the conditions it combines between <WatchGroup ...> and </WatchGroup>' });
          group.valid = false;
        } else if (parsed && typeof parsed.require === 'number' && parsed.require > group.children.length) {
          problems.push({ ...at, field: 'require', message: `require={${parsed.require}} but the group has ${group.children.length} condition${group.children.length === 1 ? '' : 's'}`, hint: 'k can be at most the number of <Watch> children' });
          group.valid = false;
        }
        return;
      } else if (name === 'Value') {
        const { props, ok: literal } = propsOf(n as Jsx & { name: string }, at);
        const parsed = literal ? check<ValueProps>(valuePropsSchema, 'Value', props, at, 'Value props: series, and optionally date, stat="max"|"min" with from, or change with from (and unit="bp")') : undefined;
        note.values.push({ props: (parsed ?? props) as ValueProps, index: note.values.length, valid: parsed !== undefined, position });
      } else if (name === 'SeriesChart') {
        const { props, ok } = propsOf(n as Jsx & { name: string }, at);
        const index = note.charts.length;
        const parsed = ok ? check<ChartProps>(chartPropsSchema, 'SeriesChart', props, at, 'SeriesChart props: series, optional from, to (YYYY-MM-DD), mark (a number), title') : undefined;
        note.charts.push({ props: (parsed ?? props) as ChartProps, index, valid: parsed !== undefined, position });
      }
    }
    for (const child of n.children ?? []) visit(child);
  };
  visit(tree);
  const { fieldLine, problems: found, ...kept } = note;
  return { ...detached(kept), fieldLine, problems: found };
}

/**
 * A deep copy whose strings own their characters. Props and labels read from the MDX are slices of
 * the note's whole source, so each one kept by the archive would keep that source alive (about 70 MB
 * at 10,000 notes); copied, only what is kept stays.
 */
function detached<T>(x: T): T {
  if (typeof x === 'string') return (x.length > 12 ? Buffer.from(x, 'utf8').toString('utf8') : x) as T;
  if (Array.isArray(x)) return x.map(detached) as T;
  if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = detached(v);
    return out as T;
  }
  return x;
}
