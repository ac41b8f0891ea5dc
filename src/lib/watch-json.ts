/**
 * `/watch.json`, the machine-readable face of the archive: every condition (single watches, groups
 * and their children) with its test props, then and now, when it first came true and on which days
 * it was met; and every `<Value>`. Keys are written in a fixed order so the file is stable across
 * builds and easy to diff.
 */
import { metSpanDates, type Archive, type ConditionRecord, type ValueRecord } from '../archive/build-archive.ts';
import type { Evaluation, ThenEvaluation } from '../core/then-now.ts';

const TEST_KEYS = ['above', 'below', 'between', 'equals', 'trend', 'over', 'for'] as const;
const VALUE_PROPS = ['date', 'stat', 'change', 'from', 'unit'] as const;

function evaluation(e: Evaluation) {
  return { date: e.date, snapshot: e.snapshot, status: e.status, value: e.value, observed: e.observed, stale: e.stale };
}

function thenEvaluation(e: ThenEvaluation) {
  return { ...evaluation(e), revisedValue: e.revisedValue, statusAsKnownNow: e.statusAsKnownNow };
}

/** One condition as published. */
export function watchEntry(w: ConditionRecord): Record<string, unknown> {
  const entry: Record<string, unknown> = { note: w.note, id: w.id, kind: w.kind };
  if (w.kind === 'group') {
    Object.assign(entry, { title: w.title, require: w.require, children: w.children.map((c) => c.id) });
  } else {
    Object.assign(entry, { label: w.label, series: w.series });
    for (const k of TEST_KEYS) if (w.test[k] !== undefined) entry[k] = w.test[k];
    if (w.group !== null) entry.group = w.group;
  }
  entry.then = thenEvaluation(w.then);
  entry.now = evaluation(w.now);
  entry.firstMetAfterNote = w.firstMetAfterNote;
  entry.metSpans = metSpanDates(w);
  return entry;
}

/** One `<Value>` as published. */
export function valueEntry(v: ValueRecord): Record<string, unknown> {
  const entry: Record<string, unknown> = { note: v.note, index: v.index, series: v.series };
  for (const k of VALUE_PROPS) if (v.props[k] !== undefined) entry[k] = v.props[k];
  entry.then = { value: v.then.value, observed: v.then.observed };
  entry.now = { value: v.now.value, observed: v.now.observed };
  return entry;
}

/** Conditions in note order: each group followed by its children. */
function* entries(conditions: readonly ConditionRecord[]): Generator<ConditionRecord> {
  for (const c of conditions) {
    yield c;
    if (c.kind === 'group') yield* c.children;
  }
}

const BATCH = 256;

/**
 * An array of entries as `JSON.stringify(list, null, 2)` writes it at depth 1, a batch at a time: each
 * batch is stringified inside the same nesting (`{"w": [...]}`) so its indentation is already right,
 * and the wrapper is cut off.
 */
function* arrayText<T>(list: Iterable<T>, entry: (x: T) => unknown): Generator<string> {
  const HEAD = '{\n  "w": [\n'.length;
  const TAIL = '\n  ]\n}'.length;
  let batch: unknown[] = [];
  let first = true;
  const flush = () => {
    const text = JSON.stringify({ w: batch }, null, 2);
    const out = `${first ? '[\n' : ',\n'}${text.slice(HEAD, text.length - TAIL)}`;
    first = false;
    batch = [];
    return out;
  };
  for (const x of list) {
    batch.push(entry(x));
    if (batch.length === BATCH) yield flush();
  }
  if (batch.length) yield flush();
  yield first ? '[]' : '\n  ]';
}

/**
 * The whole file in pieces: pretty-printed with two spaces, ending in a newline, byte for byte what
 * `JSON.stringify(file, null, 2)` writes, but one entry at a time: at 10,000 notes the file is about
 * 350 MB, and stringifying it whole held every entry and the text at once (+1.1 GB).
 */
export function* watchJsonParts(archive: Pick<Archive, 'now' | 'conditions' | 'values'>): Generator<string> {
  yield `{\n  "now": ${JSON.stringify(archive.now)},\n  "watches": `;
  yield* arrayText(entries(archive.conditions), watchEntry);
  yield ',\n  "values": ';
  yield* arrayText(archive.values, valueEntry);
  yield '\n}\n';
}

/** The whole file as text. */
export function watchJson(archive: Pick<Archive, 'now' | 'conditions' | 'values'>): string {
  return [...watchJsonParts(archive)].join('');
}
