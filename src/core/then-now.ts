/**
 * Then against now: a note dated D reads snapshot S. Then = the condition at D over view(S);
 * now = the condition at N (the newest snapshot) over view(N); and the first day after D it was met.
 */
import { formatDay, type Day } from './dates.ts';
import { firstMetBetween, statusAt, type Condition, type EvalContext, type Status } from './conditions.ts';
import type { SeriesMeta } from './schema.ts';
import type { NowTimelines } from './first-met.ts';
import type { SeriesLog } from './store.ts';

/** Days after which an observation is stale, by frequency. Irregular series are never stale. */
export const STALE_AFTER_DAYS: Record<SeriesMeta['frequency'], number> = {
  daily: 7,
  weekly: 21,
  monthly: 45,
  quarterly: 120,
  irregular: Infinity,
};

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
  /** The observation is older than the series' frequency allows. */
  stale: boolean;
}

export interface ThenNow {
  then: Evaluation;
  now: Evaluation;
  /** The first day after the note's date on which the condition was met, as known now. */
  firstMetAfterNote: string | null;
  /** For `then` tests: the reference value fixed on the note's date. */
  reference: number | null;
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

function context(c: Condition, logs: ReadonlyMap<string, SeriesLog>, vintage: Day, thenValue?: number): EvalContext {
  const x = logs.get(c.series)!.asOf(vintage);
  const y = (c.test === 'above' || c.test === 'below') && c.target.type === 'series' ? logs.get(c.target.id)!.asOf(vintage) : undefined;
  return { x, ...(y ? { y } : {}), ...(thenValue !== undefined ? { thenValue } : {}) };
}

function evaluation(c: Condition, ctx: EvalContext, T: Day, snapshot: Day, status: Status): Evaluation {
  const x = ctx.x.at(T);
  const meta = ctx.x.log.meta;
  const limit = STALE_AFTER_DAYS[meta.frequency];
  let stale = x !== undefined && T - x.date > limit;
  if (ctx.y) {
    const y = ctx.y.at(T);
    if (y && T - y.date > STALE_AFTER_DAYS[ctx.y.log.meta.frequency]) stale = true;
  }
  return {
    date: formatDay(T),
    snapshot: formatDay(snapshot),
    status,
    value: x === undefined ? null : meta.kind === 'status' ? meta.states![x.value]! : x.value,
    observed: x === undefined ? null : formatDay(x.date),
    stale,
  };
}

/**
 * Evaluates one condition of a note dated D reading snapshot S, against now N. A build passes the
 * shared `timelines` of now, which answer firstMetAfterNote without walking every day since D.
 */
export function thenNow(c: Condition, logs: ReadonlyMap<string, SeriesLog>, D: Day, S: Day, N: Day, timelines?: NowTimelines): ThenNow {
  const isThenTest = (c.test === 'above' || c.test === 'below') && c.target.type === 'then';
  const reference = isThenTest ? logs.get(c.series)!.asOf(S).at(D)?.value : undefined;

  const thenCtx = context(c, logs, S, reference);
  let thenStatus: Status;
  if (isThenTest) thenStatus = reference === undefined ? 'no-data' : 'baseline';
  else thenStatus = statusAt(c, thenCtx, D);

  const nowCtx = context(c, logs, N, reference);
  const nowStatus = statusAt(c, nowCtx, N);
  const first = timelines && timelines.now === N && timelines.logs === logs ? timelines.firstMet(c, D, reference) : firstMetBetween(c, nowCtx, D, N);
  return {
    then: evaluation(c, thenCtx, D, S, thenStatus),
    now: evaluation(c, nowCtx, N, N, nowStatus),
    firstMetAfterNote: first === undefined ? null : formatDay(first),
    reference: reference ?? null,
  };
}

