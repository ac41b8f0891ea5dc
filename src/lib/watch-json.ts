/**
 * `/watch.json`, the machine-readable face of the archive: every condition (single watches, groups
 * and their children) with its test props, then and now, when it first came true and on which days
 * it was met; and every `<Value>`. Keys are written in a fixed order so the file is stable across
 * builds and easy to diff.
 */
import type { Archive, ConditionRecord, ValueRecord } from '../archive/build-archive.ts';
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
  entry.metSpans = w.metSpans;
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
function entries(conditions: readonly ConditionRecord[]): ConditionRecord[] {
  return conditions.flatMap((c) => (c.kind === 'group' ? [c, ...c.children] : [c]));
}

/** The whole file: pretty-printed with two spaces, ending in a newline. */
export function watchJson(archive: Pick<Archive, 'now' | 'conditions' | 'values'>): string {
  return `${JSON.stringify({ now: archive.now, watches: entries(archive.conditions).map(watchEntry), values: archive.values.map(valueEntry) }, null, 2)}\n`;
}

