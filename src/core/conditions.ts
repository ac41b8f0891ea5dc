/**
 * Watch conditions: resolving `<Watch>` props against the series catalog, and evaluating a condition
 * at a calendar day over as-of views. See README "Watch conditions" for the semantics this implements.
 */
import { earliestWindowEnd, formatDuration, parseDuration, subtractDuration, type Day, type Duration } from './dates.ts';
import type { SeriesMeta, WatchProps } from './schema.ts';
import type { Observation, View } from './store.ts';

export type Status = 'met' | 'not-met' | 'no-data' | 'baseline';

export type Target = { type: 'number'; n: number } | { type: 'series'; id: string } | { type: 'then' };
export type Direction = 'rising' | 'falling' | 'not-rising' | 'not-falling';

/** A resolved test. Every test may carry `for`: it must then hold on every day of [T - for, T]. */
export type Condition =
  | { test: 'above' | 'below'; series: string; target: Target; for?: Duration }
  | { test: 'between'; series: string; lo: number; hi: number; for?: Duration }
  | { test: 'equals'; series: string; states: number[]; stateNames: string[]; list?: true; for?: Duration }
  | { test: 'trend'; series: string; direction: Direction; over: Duration; for?: Duration };

/** A problem with one prop, before any file position is attached. */
export interface PropProblem {
  field: string;
  message: string;
  hint: string;
}

/** Turns validated props into a condition, checking them against the catalog of series. */
export function resolveCondition(
  props: WatchProps,
  catalog: (id: string) => SeriesMeta | undefined,
): { condition: Condition } | { problems: PropProblem[] } {
  const problems: PropProblem[] = [];
  const meta = catalog(props.series);
  if (!meta) {
    return { problems: [{ field: 'series', message: `unknown series "${props.series}"`, hint: `Add data/series/${props.series}.yaml and .csv, or fix the id` }] };
  }
  const isStatus = meta.kind === 'status';
  const forDur = props.for !== undefined ? parseDuration(props.for) : undefined;
  if (props.above !== undefined || props.below !== undefined) {
    const test = props.above !== undefined ? 'above' : 'below';
    const raw = (props.above ?? props.below)!;
    if (isStatus) {
      problems.push({ field: test, message: `"${props.series}" is a status series; \`${test}\` needs a number series`, hint: `Use equals="${meta.states![0]}" with a status series` });
    }
    let target: Target;
    if (typeof raw === 'number') target = { type: 'number', n: raw };
    else if (raw === 'then') target = { type: 'then' };
    else {
      target = { type: 'series', id: raw };
      const other = catalog(raw);
      if (!other) {
        problems.push({ field: test, message: `"${raw}" is neither a number, "then", nor a known series`, hint: `Write ${test}={130} for a number, ${test}="then", or the id of a series in data/series/` });
      } else if (other.kind === 'status') {
        problems.push({ field: test, message: `"${raw}" is a status series and cannot be compared with numbers`, hint: 'Compare with a number series' });
      } else if (raw === props.series) {
        problems.push({ field: test, message: 'a series compared with itself is never above or below', hint: `Use ${test}="then" to compare with its value on the note's date` });
      }
    }
    if (problems.length) return { problems };
    return { condition: { test, series: props.series, target, ...(forDur ? { for: forDur } : {}) } };
  }
  if (props.between !== undefined) {
    if (isStatus) return { problems: [{ field: 'between', message: `"${props.series}" is a status series; \`between\` needs a number series`, hint: `Use equals="${meta.states![0]}" with a status series` }] };
    const [lo, hi] = props.between;
    return { condition: { test: 'between', series: props.series, lo, hi, ...(forDur ? { for: forDur } : {}) } };
  }
  if (props.equals !== undefined) {
    if (!isStatus) {
      return { problems: [{ field: 'equals', message: `"${props.series}" is a number series; \`equals\` needs a status series`, hint: 'Use above, below or between with a number series' }] };
    }
    const names = typeof props.equals === 'string' ? [props.equals] : props.equals;
    const unknown = names.filter((n) => !meta.states!.includes(n));
    if (unknown.length) {
      return { problems: [{ field: 'equals', message: `${unknown.map((n) => `"${n}"`).join(', ')} ${unknown.length === 1 ? 'is not a state' : 'are not states'} of "${props.series}"`, hint: `Use one of: ${meta.states!.join(', ')}` }] };
    }
    const list = typeof props.equals !== 'string' ? { list: true as const } : {};
    return { condition: { test: 'equals', series: props.series, states: names.map((n) => meta.states!.indexOf(n)), stateNames: names, ...list, ...(forDur ? { for: forDur } : {}) } };
  }
  if (isStatus) {
    return { problems: [{ field: 'trend', message: `"${props.series}" is a status series and has no trend`, hint: 'Use equals with a status series' }] };
  }
  return { condition: { test: 'trend', series: props.series, direction: props.trend!, over: parseDuration(props.over!)!, ...(forDur ? { for: forDur } : {}) } };
}

/** The props that define the test, as written (for /watch.json and tables). */
export type TestProps = Record<string, string | number | (string | number)[]>;

export function describeTest(c: Condition): TestProps {
  const window: TestProps = c.for ? { for: formatDuration(c.for) } : {};
  switch (c.test) {
    case 'above':
    case 'below': {
      const t = c.target.type === 'number' ? c.target.n : c.target.type === 'then' ? 'then' : c.target.id;
      return { [c.test]: t, ...window };
    }
    case 'between':
      return { between: [c.lo, c.hi], ...window };
    case 'equals':
      // As written: one state, or a list (even of one).
      return { equals: c.list ? [...c.stateNames] : c.stateNames[0]!, ...window };
    case 'trend':
      return { trend: c.direction, over: formatDuration(c.over), ...window };
  }
}

/** Every series a condition reads: its own, and the one it is compared with. */
export function seriesRead(c: Condition): string[] {
  return (c.test === 'above' || c.test === 'below') && c.target.type === 'series' ? [c.series, c.target.id] : [c.series];
}

// ---------------------------------------------------------------------------------------------------
// The one table of test semantics. A test compares x(t) with an operand: nothing (a constant, band
// or set of states), another series y(t), or the series' own past x(t - over). Both evaluators, the
// exact one below (as-of lookups at a day) and the timeline one (src/core/timeline.ts, over a
// materialized view), read the operand as this table says and decide truth with `holds`.

/** What the test compares x(t) with, besides constants. */
export type Operand = { kind: 'none' } | { kind: 'series'; id: string } | { kind: 'past'; over: Duration };

export function operandOf(c: Condition): Operand {
  if ((c.test === 'above' || c.test === 'below') && c.target.type === 'series') return { kind: 'series', id: c.target.id };
  if (c.test === 'trend') return { kind: 'past', over: c.over };
  return { kind: 'none' };
}

/**
 * Truth of the test given x(t) and the operand's value (undefined when it has none): true, false, or
 * undefined when a value it needs is missing. `reference` is a `then` test's value on the note's date.
 */
export function holds(c: Condition, x: number, other: number | undefined, reference: number | undefined): boolean | undefined {
  switch (c.test) {
    case 'above':
    case 'below': {
      const ref = c.target.type === 'number' ? c.target.n : c.target.type === 'then' ? reference : other;
      if (ref === undefined) return undefined;
      return c.test === 'above' ? x > ref : x < ref;
    }
    case 'between':
      return c.lo <= x && x <= c.hi;
    case 'equals':
      return c.states.includes(x);
    case 'trend':
      if (other === undefined) return undefined;
      switch (c.direction) {
        case 'rising':
          return x > other;
        case 'falling':
          return x < other;
        case 'not-rising':
          return x <= other;
        case 'not-falling':
          return x >= other;
      }
  }
}

/** The views a condition reads, and the `then` reference value when it has one. */
export interface EvalContext {
  x: View;
  /** The compared series, for `above`/`below` another series. */
  y?: View;
  /** The series' value on the note's date as known in the note's snapshot, for `then` tests. */
  thenValue?: number;
}

/** The operand's observation at t (y(t), or x(t - over)), or undefined. */
export function operandAt(c: Condition, ctx: EvalContext, t: Day): Observation | undefined {
  const op = operandOf(c);
  if (op.kind === 'series') return ctx.y?.at(t);
  if (op.kind === 'past') return ctx.x.at(subtractDuration(t, op.over));
  return undefined;
}

/** Truth of the test (without `for`) on day t: true, false, or undefined when some x is undefined. */
export function truthAt(c: Condition, ctx: EvalContext, t: Day): boolean | undefined {
  const x = ctx.x.at(t);
  if (!x) return undefined;
  return holds(c, x.value, operandAt(c, ctx, t)?.value, ctx.thenValue);
}

/** Days in (a, b] on which the truth of the test may change, ascending and unique. */
export function changeDays(c: Condition, ctx: EvalContext, a: Day, b: Day): Day[] {
  const days = ctx.x.changeDays(a, b);
  const op = operandOf(c);
  if (op.kind === 'past') {
    // x(t - L) changes on the first day t whose look-back reaches a new observation.
    for (const o of ctx.x.changeDays(subtractDuration(a, op.over), b)) {
      const t = earliestWindowEnd(o, op.over);
      if (t > a && t <= b) days.push(t);
    }
    return uniqueSorted(days);
  }
  if (op.kind === 'series' && ctx.y) return uniqueSorted(days.concat(ctx.y.changeDays(a, b)));
  return days;
}

function uniqueSorted(days: Day[]): Day[] {
  days.sort((p, q) => p - q);
  return days.filter((d, i) => i === 0 || d !== days[i - 1]);
}

/**
 * Status on day T. With `for L`, the test must hold on every day of [T - L, T]: a day where it fails
 * makes it not met; otherwise a day with no data makes it no-data.
 */
export function statusAt(c: Condition, ctx: EvalContext, T: Day): Exclude<Status, 'baseline'> {
  if (!c.for) {
    const truth = truthAt(c, ctx, T);
    return truth === undefined ? 'no-data' : truth ? 'met' : 'not-met';
  }
  const start = subtractDuration(T, c.for);
  let sawUndefined = false;
  for (const t of [start, ...changeDays(c, ctx, start, T)]) {
    const truth = truthAt(c, ctx, t);
    if (truth === false) return 'not-met';
    if (truth === undefined) sawUndefined = true;
  }
  return sawUndefined ? 'no-data' : 'met';
}

/**
 * The earliest day t with D < t <= N on which the condition is met (with `for`, the day the sustained
 * run completes), or undefined. Walks only the days where the truth can change. The build uses the
 * timeline evaluator (src/core/timeline.ts); this one is its exact reference in tests.
 */
export function firstMetBetween(c: Condition, ctx: EvalContext, D: Day, N: Day): Day | undefined {
  if (N <= D) return undefined;
  const window = c.for;
  const first = D + 1;
  // For a window, a run that started before D + 1 counts from the start of D + 1's window.
  const from = window ? Math.min(first, subtractDuration(first, window)) : first;
  const days = [from, ...changeDays(c, ctx, from, N)];
  let runStart: Day | undefined;
  for (let k = 0; k < days.length; k++) {
    const s = days[k]!;
    const e = k + 1 < days.length ? days[k + 1]! : N + 1; // segment [s, e) has constant truth
    if (truthAt(c, ctx, s) !== true) {
      runStart = undefined;
      continue;
    }
    runStart ??= s;
    const candidate = Math.max(first, s, window ? earliestWindowEnd(runStart, window) : s);
    if (candidate < e && candidate <= N) return candidate;
  }
  return undefined;
}
