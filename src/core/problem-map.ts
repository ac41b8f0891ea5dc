/**
 * The one place where parser and schema errors become Problems: YAML syntax, JSON syntax and zod
 * issues, each with a stable `code`, its line where the text has one, and what to do. The list of
 * allowed keys in an "unknown key" hint is read off the schema itself, so it cannot drift from it.
 */
import type { LineCounter, YAMLError } from 'yaml';
import type { Problem } from './problems.ts';

/** Stable codes of the problems this module makes (tests and tools may match on them). */
export const PROBLEM_CODES = {
  yamlSyntax: 'yaml-syntax',
  jsonSyntax: 'json-syntax',
  unknownKey: 'unknown-key',
  invalid: 'invalid-value',
} as const;

/** The part of a zod issue this mapper reads (zod 4's `$ZodIssue`). */
export interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/** Keys of the object schema at `path` inside `schema` (through optional and default wrappers), or undefined. */
export function schemaKeys(schema: unknown, path: readonly PropertyKey[]): string[] | undefined {
  let s = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown; def?: { innerType?: unknown; element?: unknown } } | undefined;
  const unwrap = () => {
    for (let guard = 0; s && !s.shape && guard < 5; guard++) s = (s.unwrap?.() ?? s.def?.innerType) as typeof s;
  };
  unwrap();
  for (const key of path) {
    if (!s) return undefined;
    if (typeof key === 'number') s = s.def?.element as typeof s;
    else s = s.shape?.[String(key)] as typeof s;
    unwrap();
  }
  return s?.shape ? Object.keys(s.shape) : undefined;
}

/** YAML syntax errors, each on its line (`lineOffset` for YAML embedded in a larger file). */
export function yamlSyntaxProblems(file: string, errors: readonly YAMLError[], lines: LineCounter, options: { lineOffset?: number; what?: string; hint: string }): Problem[] {
  return errors.map((e) => {
    // Without prettyErrors the parser leaves linePos unset; the offset is always there.
    const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    return {
      file,
      line: pos.line + (options.lineOffset ?? 0),
      ...(options.lineOffset ? {} : { column: pos.col }),
      code: PROBLEM_CODES.yamlSyntax,
      message: `${options.what ? `${options.what} is not` : 'not'} valid YAML: ${e.message.split('\n')[0]}`,
      hint: options.hint,
    };
  });
}

/** A JSON syntax error, on the line of its position where the message gives one. */
export function jsonSyntaxProblem(file: string, text: string, error: unknown, hint: string): Problem {
  const message = (error as Error).message;
  const pos = /position (\d+)/.exec(message);
  const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
  return { file, ...(line !== undefined ? { line } : {}), code: PROBLEM_CODES.jsonSyntax, message: `not valid JSON: ${message}`, hint };
}

export interface SchemaContext {
  file: string;
  /** The schema the issues came from: its keys name what is allowed. */
  schema: unknown;
  /** What the keys are called in messages: "key", "frontmatter key", "<Watch> prop". */
  keyWord: string;
  /** The line of a field path, where the text has lines. */
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
  /** A fixed position (an MDX element's), used when there is no lineOf. */
  at?: { line: number; column?: number };
  /** What to do about an invalid value. */
  hint: string;
  /** What to do about an unknown key, instead of listing the allowed ones. */
  unknownKeyHint?: string;
}

/** Zod issues as problems: unknown keys on their own line with the allowed keys, others at their field. */
export function schemaProblems(issues: readonly SchemaIssue[], ctx: SchemaContext): Problem[] {
  return issues.map((i) => {
    const unknown = i.code === 'unrecognized_keys';
    const keys = i.keys ?? [];
    const fieldPath = unknown && !ctx.lineOf && !ctx.at ? [...i.path, keys[0]!] : i.path;
    const where = ctx.lineOf ? { line: ctx.lineOf(unknown ? [...i.path, keys[0]!] : i.path) } : ctx.at ? { ...ctx.at } : {};
    const allowed = unknown ? schemaKeys(ctx.schema, i.path) : undefined;
    return {
      file: ctx.file,
      ...where,
      field: fieldPath.map(String).join('.') || undefined,
      code: unknown ? PROBLEM_CODES.unknownKey : PROBLEM_CODES.invalid,
      message: unknown ? `unknown ${ctx.keyWord}${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}` : i.message,
      hint: unknown ? (ctx.unknownKeyHint ?? (allowed ? `Allowed${i.path.length ? ` under ${i.path.join('.')}` : ''}: ${allowed.join(', ')}` : ctx.hint)) : ctx.hint,
    };
  });
}
