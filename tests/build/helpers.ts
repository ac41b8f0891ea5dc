/**
 * Helpers for the build tests: fixture archives under tests/fixtures/archives/<case>/, each built once
 * per `vitest run` (shared across test files through tests/helpers/shared-build.ts), and small
 * queries over the built HTML.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { assertBuilt, REPO } from '../helpers/build.ts';
import { sharedBuild } from '../helpers/shared-build.ts';
import { attr, elements, listFiles, parseHtml, textOf, type Document, type Element } from '../helpers/site.ts';

export { attr, elements, listFiles, textOf, type Document, type Element };

export const ARCHIVES = join(REPO, 'tests/fixtures/archives');

/** Builds fixture archive `name` once per run (at base "/" or "/archive/") and returns its out dir. */
export async function fixtureSite(name: string, options: { base?: '/' | '/archive/'; again?: boolean } = {}): Promise<string> {
  const base = options.base ?? '/';
  const key = `fixture-${name}${base === '/' ? '' : '-archive'}${options.again ? '-again' : ''}`;
  return assertBuilt(await sharedBuild(key, join(ARCHIVES, name), base === '/' ? {} : { base })).outDir;
}

export function read(dist: string, file: string): string {
  return readFileSync(join(dist, file), 'utf8');
}

export function page(dist: string, file: string): Document {
  return parseHtml(read(dist, file));
}

/** Elements matching a predicate, in document order. */
export function all(node: Document | Element, match: (e: Element) => boolean): Element[] {
  return [...elements(node)].filter(match);
}

export const tag = (name: string) => (e: Element) => e.tagName === name;
export const hasClass = (name: string) => (e: Element) => (attr(e, 'class') ?? '').split(/\s+/).includes(name);
export const and =
  (...preds: ((e: Element) => boolean)[]) =>
  (e: Element) =>
    preds.every((p) => p(e));

export function one(node: Document | Element, match: (e: Element) => boolean, what = 'element'): Element {
  const found = all(node, match);
  if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
  return found[0]!;
}

/** Text with runs of whitespace collapsed. */
export const text = (node: Document | Element) => textOf(node).replace(/\s+/g, ' ').trim();

/** SHA-256 of every file of a built site, by relative path. */
export function hashTree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

/**
 * Compares `actual` with the committed golden file; with UPDATE_GOLDEN=1 rewrites the file instead
 * (review the diff before committing it).
 */
export function expectGolden(goldenPath: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, actual);
    return;
  }
  if (!existsSync(goldenPath)) throw new Error(`no golden file ${goldenPath}: run with UPDATE_GOLDEN=1 to create it, then review it`);
  expect(actual, `differs from ${goldenPath} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(goldenPath, 'utf8'));
}

/** One condition of /watch.json. */
export interface WatchEntry {
  note: string;
  id: string;
  kind: 'watch' | 'group';
  label: string;
  series: string;
  above?: number | string;
  below?: number | string;
  between?: [number, number];
  equals?: string | string[];
  trend?: string;
  over?: string;
  for?: string;
  /** A child's group id. */
  group?: string;
  /** Groups: their title, rule and children's ids. */
  title?: string;
  require?: 'all' | 'any' | number;
  children?: string[];
  then: Evaluation & { revisedValue: number | string | null; statusAsKnownNow: string };
  now: Evaluation;
  firstMetAfterNote: string | null;
  metSpans: [string, string][];
}

export interface Evaluation {
  date: string;
  snapshot: string;
  status: 'met' | 'not-met' | 'no-data' | 'baseline';
  value: number | string | null;
  observed: string | null;
  stale: boolean;
}

export interface WatchFile {
  now: string | null;
  watches: WatchEntry[];
}
