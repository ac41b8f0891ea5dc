/**
 * Every input error is a Problem: where it is (file, line, column or field), what rule it breaks and
 * what to do. Loaders collect all problems instead of stopping at the first, so `data verify` can
 * list them all; the build throws an AsofError carrying the list.
 */
export interface Problem {
  /** Path of the file, relative to the project root. */
  file: string;
  /** 1-based line, where the problem has one. */
  line?: number;
  /** 1-based column, where known. */
  column?: number;
  /** The field path inside the file (`states`, `series.usdjpy.sha256`), where it is about a field. */
  field?: string;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Warnings are reported but do not fail a build. */
  severity?: 'error' | 'warning';
  /** A stable name of the kind of problem, where one applies (src/core/problem-map.ts). */
  code?: string;
}

export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
  const field = p.field ? ` ${p.field}:` : '';
  const hint = p.hint ? ` ${p.hint.replace(/\.$/, '')}.` : '';
  // One full stop after the message, however it was written (it may end in "…" or a quoted ".").
  const message = /[.…]$/.test(p.message) ? p.message : `${p.message}.`;
  return `${where}:${field} ${message}${hint}`;
}

export class AsofError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[], heading = 'asof found problems in the archive') {
    const errors = problems.filter((p) => p.severity !== 'warning');
    super(`${heading} (${errors.length}):\n${errors.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'AsofError';
    this.problems = problems;
  }
}

export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity !== 'warning');
}

export function warningsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'warning');
}
