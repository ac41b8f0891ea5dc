/**
 * Watch conditions: resolving `<Watch>` props against the series catalog, and evaluating a condition
 * at a calendar day over as-of views. See README "Watch conditions" for the semantics this implements.
 */
import { earliestWindowEnd, formatDuration, parseDuration, subtractDuration, type Day, type Duration } from './dates.ts';
import type { SeriesMeta, WatchProps } from './schema.ts';
import type { View } from './store.ts';

export type Status = 'met' | 'not-met' | 'no-data' | 'baseline';

export type Target = { type: 'number'; n: number } | { type: 'series'; id: string } | { type: 'then' };

export type Condition =
  | { test: 'above' | 'below'; series: string; target: Target; for?: Duration }
  | { test: 'equals'; series: string; state: number; stateName: string; for?: Duration }
  | { test: 'trend'; series: string; direction: 'rising' | 'falling' | 'not-rising' | 'not-falling'; over: Duration };

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
  if (props.equals !== undefined) {
    if (!isStatus) {
      return { problems: [{ field: 'equals', message: `"${props.series}" is a number series; \`equals\` needs a status series`, hint: 'Use above or below with a number series' }] };
    }
    const state = meta.states!.indexOf(props.equals);
    if (state < 0) {
      return { problems: [{ field: 'equals', message: `"${props.equals}" is not a state of "${props.series}"`, hint: `Use one of: ${meta.states!.join(', ')}` }] };
    }
    return { condition: { test: 'equals', series: props.series, state, stateName: props.equals, ...(forDur ? { for: forDur } : {}) } };
  }
  if (isStatus) {
    return { problems: [{ field: 'trend', message: `"${props.series}" is a status series and has no trend`, hint: 'Use equals with a status series' }] };
  }
  return { condition: { test: 'trend', series: props.series, direction: props.trend!, over: parseDuration(props.over!)! } };
}

/** The props that define the test, as written (for /watch.json and tables). */
export function describeTest(c: Condition): Record<string, string | number> {
  switch (c.test) {
    case 'above':
    case 'below': {
      const t = c.target.type === 'number' ? c.target.n : c.target.type === 'then' ? 'then' : c.target.id;
      return { [c.test]: t, ...(c.for ? { for: formatDuration(c.for) } : {}) };
    }
    case 'equals':
      return { equals: c.stateName, ...(c.for ? { for: formatDuration(c.for) } : {}) };
    case 'trend':
      return { trend: c.direction, over: formatDuration(c.over) };
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

/** Truth of the test (without `for`) on day t: true, false, or undefined when some x is undefined. */
export function truthAt(c: Condition, ctx: EvalContext, t: Day): boolean | undefined {
  const x = ctx.x.at(t);
  if (!x) return undefined;
  switch (c.test) {
    case 'above':
    case 'below': {
      let ref: number | undefined;
      if (c.target.type === 'number') ref = c.target.n;
      else if (c.target.type === 'then') ref = ctx.thenValue;
      else ref = ctx.y?.at(t)?.value;
      if (ref === undefined) return undefined;
      return c.test === 'above' ? x.value > ref : x.value < ref;
    }
    case 'equals':
      return x.value === c.state;
    case 'trend': {
      const past = ctx.x.at(subtractDuration(t, c.over));
      if (!past) return undefined;
      switch (c.direction) {
        case 'rising':
          return x.value > past.value;
        case 'falling':
          return x.value < past.value;
        case 'not-rising':
          return x.value <= past.value;
        case 'not-falling':
          return x.value >= past.value;
      }
    }
  }
}

/** Days in (a, b] on which the truth of the test may change, ascending and unique. */
export function changeDays(c: Condition, ctx: EvalContext, a: Day, b: Day): Day[] {
  const days = ctx.x.changeDays(a, b);
  if (c.test === 'trend') {
    // x(t - L) changes on the first day t whose look-back reaches a new observation.
    for (const o of ctx.x.changeDays(subtractDuration(a, c.over), b)) {
      const t = earliestWindowEnd(o, c.over);
      if (t > a && t <= b) days.push(t);
    }
    return uniqueSorted(days);
  }
  if ((c.test === 'above' || c.test === 'below') && c.target.type === 'series' && ctx.y) {
    return uniqueSorted(days.concat(ctx.y.changeDays(a, b)));
  }
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
  const window = c.test !== 'trend' ? c.for : undefined;
  if (!window) {
    const truth = truthAt(c, ctx, T);
    return truth === undefined ? 'no-data' : truth ? 'met' : 'not-met';
  }
  const start = subtractDuration(T, window);
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
 * run completes), or undefined. Walks only the days where the truth can change.
 */
export function firstMetBetween(c: Condition, ctx: EvalContext, D: Day, N: Day): Day | undefined {
  if (N <= D) return undefined;
  const window = c.test !== 'trend' ? c.for : undefined;
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
