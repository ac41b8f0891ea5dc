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
import type { Problem } from '../core/problems.ts';
import { isoDate, noteFrontmatterSchema, seriesId, watchPropsSchema, type NoteFrontmatter, type WatchProps } from '../core/schema.ts';

/** Components every note may use without importing them. */
export const NOTE_COMPONENTS = ['Watch', 'WatchSummary', 'SeriesChart', 'PullQuote'] as const;

export const NOTE_FILE = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

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
  position: Position;
}

export interface RawChart {
  props: ChartProps;
  index: number;
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

type Literal = string | number | boolean;

/** A JSX attribute's value, which must be a literal: "text", {130}, {-1.5}, {'text'}, {true}. */
function literalOf(value: unknown): { value: Literal } | { error: string } {
  if (value === null || value === undefined) return { value: true };
  if (typeof value === 'string') return { value };
  const expr = String((value as { value?: unknown }).value ?? '').trim();
  if (/^-?\d+(?:\.\d+)?$/.test(expr)) return { value: Number(expr) };
  if (expr === 'true' || expr === 'false') return { value: expr === 'true' };
  const str = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')$/.exec(expr);
  if (str) {
    try {
      return { value: JSON.parse(`"${(str[1] ?? str[2] ?? '').replace(/\\'/g, "'")}"`) as string };
    } catch {
      /* fall through */
    }
  }
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
  const note: ParsedNote = { id, file, fieldLine: () => undefined, watches: [], charts: [], links: [], problems };
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
      for (const e of doc.errors) {
        // Without prettyErrors the parser leaves linePos unset; the offset is always there.
        problems.push({ file, line: (e.linePos?.[0] ?? lines.linePos(e.pos[0])).line + 1, message: `frontmatter is not valid YAML: ${e.message.split('\n')[0]}`, hint: 'Fix the YAML between the --- lines' });
      }
    } else {
      const parsed = noteFrontmatterSchema.safeParse(doc.toJS() ?? {});
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          // An unknown key is reported on its own line, as in series YAML.
          const line = yamlLine(doc, lines, i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]!] : i.path);
          problems.push({
            file,
            line: line === undefined ? 2 : line + 1,
            field: i.path.join('.') || undefined,
            message: i.code === 'unrecognized_keys' ? `unknown frontmatter key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message,
            hint: i.code === 'unrecognized_keys' ? 'Allowed keys: title, date, summary, tags, author, snapshot, draft' : 'See README "Write a note"',
          });
        }
      } else {
        note.frontmatter = parsed.data;
        if (parsed.data.date !== m[1]) {
          problems.push({ file, line: note.fieldLine('date'), field: 'date', message: `date ${parsed.data.date} does not match the file name's date ${m[1]}`, hint: 'Make the frontmatter date and the file name agree' });
        }
      }
    }
  }

  const seenIds = new Map<string, Position>();
  const visit = (node: MdastNode) => {
    const n = node as { type: string; name?: string | null; attributes?: unknown[]; children?: MdastNode[]; url?: string };
    if (n.type === 'link' && typeof n.url === 'string' && n.url.startsWith('/notes/')) {
      const link = NOTE_HREF.exec(n.url);
      if (!link) {
        problems.push({ file, ...positionOf(node), message: `link ${n.url} is not a note address`, hint: 'Link to notes as /notes/<YYYY-MM-DD>-<slug>/' });
      } else note.links.push({ target: link[1]!, position: positionOf(node) });
    }
    if ((n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && n.name && /^[A-Z]/.test(n.name)) {
      const position = positionOf(node);
      const at = { file, line: position.line, column: position.column };
      if (!(NOTE_COMPONENTS as readonly string[]).includes(n.name)) {
        problems.push({ ...at, message: `unknown component <${n.name}>`, hint: `Notes can use ${NOTE_COMPONENTS.map((c) => `<${c}>`).join(', ')}` });
      } else if (n.name === 'Watch' || n.name === 'SeriesChart') {
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
            problems.push({ ...at, field: a.name, message: `${lit.error}`, hint: `<${n.name}> props must be literals known when the note is written: "text", {130}, {-1.5}` });
            ok = false;
          } else props[a.name] = lit.value;
        }
        if (n.name === 'Watch') {
          const index = note.watches.length;
          const label = textOf(node).replace(/\s+/g, ' ').trim();
          // A prop that was not a literal is already reported; checking the rest would only add knock-on errors.
          const parsed = ok ? watchPropsSchema.safeParse(props) : undefined;
          if (parsed && !parsed.success) {
            for (const i of parsed.error.issues) {
              problems.push({
                ...at,
                field: i.path.join('.') || undefined,
                message: i.code === 'unrecognized_keys' ? `unknown <Watch> prop${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}` : i.message,
                hint: 'Watch props: series, one of above/below/equals/trend (+ over), optional for and id',
              });
            }
            ok = false;
          }
          if (!label) {
            problems.push({ ...at, message: '<Watch> has no label', hint: 'Write the condition in words between <Watch ...> and </Watch>' });
            ok = false;
          }
          if (ok && parsed?.success) {
            const wid = parsed.data.id ?? slugify(label);
            const prev = seenIds.get(wid);
            if (prev) {
              problems.push({ ...at, field: 'id', message: `duplicate Watch id "${wid}" (first used at line ${prev.line})`, hint: 'Give one of them a distinct id="..." prop' });
            } else seenIds.set(wid, position);
            note.watches.push({ props: parsed.data, label, id: wid, index, position });
          } else {
            // Keep the index aligned with the compiled page even when this one is broken.
            note.watches.push({ props: props as WatchProps, label, id: `invalid-${index}`, index, position });
          }
        } else {
          const index = note.charts.length;
          const parsed = chartPropsSchema.safeParse(props);
          if (!parsed.success) {
            for (const i of parsed.error.issues) {
              problems.push({ ...at, field: i.path.join('.') || undefined, message: i.code === 'unrecognized_keys' ? `unknown <SeriesChart> prop ${i.keys.join(', ')}` : i.message, hint: 'SeriesChart props: series, optional from, to (YYYY-MM-DD), mark (a number), title' });
            }
          }
          if (ok && parsed.success) note.charts.push({ props: parsed.data, index, position });
          else note.charts.push({ props: props as ChartProps, index, position });
        }
      }
    }
    for (const child of n.children ?? []) visit(child);
  };
  visit(tree);
  return note;
}
