/**
 * Then against now: a note dated D reads snapshot S; N is the newest snapshot. Then = the condition
 * at D over view(S); now = the condition at max(N, D) over view(N) (a note dated after the newest
 * snapshot has no later "now"); the days after D on which it was met, met not, or had no data, over
 * view(N); and, where the value shown for then was revised since, the revision and what the then test
 * reads over the data as known now.
 */
import { knownSeries } from './chart-data.ts';
import { operandAt, operandOf, statusAt, type Condition, type EvalContext, type Status } from './conditions.ts';
import { formatDay, type Day } from './dates.ts';
import { versionOn } from './revisions.ts';
import { isStale, staleRule, staleRuleText } from './staleness.ts';
import type { SeriesLog } from './store.ts';
import { conditionSpans, type Span } from './timeline.ts';

export { STALE_AFTER_DAYS } from './staleness.ts';

/** What the value was compared with on one side: another series' value, or the series' own past value. */
export interface Compared {
  /** The series the compared value comes from. */
  series: string;
  /** The number (null when there is none). */
  value: number | null;
  /** The date of its observation. */
  observed: string | null;
}

/** One side of then-vs-now. */
export interface Evaluation {
  /** The day evaluated (the note's date, or "now"). */
  date: string;
  /** The snapshot whose view was used. */
  snapshot: string;
  status: Status;
  /** x(date): the number, or the state of a status series; null with no data. */
  value: number | string | null;
  /** The date of the observation behind `value`. */
  observed: string | null;
  /** An observation read is older than its series' staleness limit allows. */
  stale: boolean;
  /** The limit in words (for a tooltip), where a value was read. */
  staleRule: string | null;
  /** For series comparisons and trends: what x was compared with. */
  compared: Compared | null;
}

/** The then side, with what became of it. */
export interface ThenEvaluation extends Evaluation {
  /** The value as known now for the same observation date, when it differs (null when unrevised). */
  revisedValue: number | string | null;
  /** The vintage of that revision. */
  revisedOn: string | null;
  /** The then test re-evaluated at the note's date over the data as known now. */
  statusAsKnownNow: Status;
}

export interface ThenNow {
  then: ThenEvaluation;
  now: Evaluation;
  /** The first day after the note's date on which the condition was met, as known now. */
  firstMetAfterNote: string | null;
  /** For `then` tests: the value fixed on the note's date. */
  reference: number | null;
  /** Status on every day of (D, max(N, D)] over view(N). */
  spans: Span[];
}

/** Picks the snapshot a note reads: its own `snapshot` if given, else the newest on or before its date. */
export function pickSnapshot(
  noteDate: Day,
  explicit: Day | undefined,
  snapshots: readonly Day[],
): { snapshot: Day } | { message: string; hint: string } {
  if (explicit !== undefined) {
    if (!snapshots.includes(explicit)) {
      return { message: `snapshot ${formatDay(explicit)} does not exist`, hint: 'Name a file in data/snapshots/, or remove `snapshot` to use the newest on or before the note date' };
    }
    if (explicit > noteDate) {
      return { message: `snapshot ${formatDay(explicit)} is after the note's date ${formatDay(noteDate)}`, hint: 'A note can only know what was sealed by its date: pick an earlier snapshot' };
    }
    return { snapshot: explicit };
  }
  let best: Day | undefined;
  for (const s of snapshots) if (s <= noteDate && (best === undefined || s > best)) best = s;
  if (best === undefined) {
    return { message: `no snapshot on or before the note's date ${formatDay(noteDate)}`, hint: 'Seal one with `npm run data -- seal --date YYYY-MM-DD`' };
  }
  return { snapshot: best };
}

export const isThenTest = (c: Condition): boolean => (c.test === 'above' || c.test === 'below') && c.target.type === 'then';

function context(c: Condition, logs: ReadonlyMap<string, SeriesLog>, vintage: Day, thenValue?: number): EvalContext {
  const op = operandOf(c);
  const x = logs.get(c.series)!.asOf(vintage);
  const y = op.kind === 'series' ? logs.get(op.id)!.asOf(vintage) : undefined;
  return { x, ...(y ? { y } : {}), ...(thenValue !== undefined ? { thenValue } : {}) };
}

/** The state name of a status series' value, or the number. */
function shown(log: SeriesLog, value: number): number | string {
  return log.meta.kind === 'status' ? log.meta.states![value]! : value;
}

function evaluation(c: Condition, logs: ReadonlyMap<string, SeriesLog>, ctx: EvalContext, T: Day, snapshot: Day, status: Status): Evaluation {
  const x = ctx.x.at(T);
  const xLog = ctx.x.log;
  const rule = staleRule(xLog, ctx.x.vintage);
  let stale = x !== undefined && isStale(rule, T, x.date);
  const op = operandOf(c);
  let compared: Compared | null = null;
  if (op.kind !== 'none') {
    const o = operandAt(c, ctx, T);
    const id = op.kind === 'series' ? op.id : c.series;
    compared = { series: id, value: o?.value ?? null, observed: o ? formatDay(o.date) : null };
    // The other series' staleness counts too; a trend's past value is old on purpose.
    if (op.kind === 'series' && o && isStale(staleRule(logs.get(id)!, ctx.x.vintage), T, o.date)) stale = true;
  }
  return {
    date: formatDay(T),
    snapshot: formatDay(snapshot),
    status,
    value: x === undefined ? null : shown(xLog, x.value),
    observed: x === undefined ? null : formatDay(x.date),
    stale,
    staleRule: x === undefined ? null : staleRuleText(rule, xLog.meta.frequency),
    compared,
  };
}

/**
 * Evaluates one condition of a note dated D reading snapshot S, against now N. The days after D are
 * evaluated over view(N) materialized once per series and shared by every condition of the build.
 */
export function thenNow(c: Condition, logs: ReadonlyMap<string, SeriesLog>, D: Day, S: Day, N: Day): ThenNow {
  const xLog = logs.get(c.series)!;
  const thenTest = isThenTest(c);
  const reference = thenTest ? xLog.asOf(S).at(D)?.value : undefined;
  const T = Math.max(N, D);

  const thenCtx = context(c, logs, S, reference);
  const nowCtx = context(c, logs, N, reference);
  const thenStatus: Status = thenTest ? (reference === undefined ? 'no-data' : 'baseline') : statusAt(c, thenCtx, D);
  const then = evaluation(c, logs, thenCtx, D, S, thenStatus);

  // What became of then: the same observation as known now, and the then test over view(N).
  let revisedValue: number | string | null = null;
  let revisedOn: string | null = null;
  const shownThen = thenCtx.x.at(D);
  if (shownThen) {
    const current = versionOn(xLog, shownThen.date, N);
    if (current && current.value !== shownThen.value) {
      revisedValue = shown(xLog, current.value);
      revisedOn = formatDay(current.vintage);
    }
  }
  const statusAsKnownNow: Status = thenTest ? (nowCtx.x.at(D) === undefined ? 'no-data' : 'baseline') : statusAt(c, nowCtx, D);

  const op = operandOf(c);
  const spans = conditionSpans(c, knownSeries(xLog, N), op.kind === 'series' ? knownSeries(logs.get(op.id)!, N) : undefined, reference, D + 1, T);
  const first = spans.find((s) => s.status === 'met');
  return {
    then: { ...then, revisedValue, revisedOn, statusAsKnownNow },
    now: evaluation(c, logs, nowCtx, T, N, statusAt(c, nowCtx, T)),
    firstMetAfterNote: first ? formatDay(first.from) : null,
    reference: reference ?? null,
    spans,
  };
}

