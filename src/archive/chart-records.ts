/**
 * Chart and sparkline geometry for the evaluated archive: SVG paths in the units they are drawn in,
 * decimated to the pixels they are drawn on, axis ticks, text alternatives, data-table rows and the
 * chart's exact revisions (then vs now from the log's versions). Components only write these out.
 *
 * Each note's record holds a handle that draws its geometry when its page reads it (once per build:
 * each note page is rendered once) and does not keep it. Measured at 1,000 notes: keeping every
 * drawing in the archive held 84 KB a note (840 MB at 10,000, through the whole build) and saved no
 * time, since a note's drawings are its own; what does repeat across notes (a series' decimated view
 * over a fixed range, its path, its table) is memoized. Pure.
 */
import type { Condition } from '../core/conditions.ts';
import { chartData, dayTicks, decimatedView, domain, knownSeries, linePath, memoIn, niceTicks, sampleRows, scale, stepPath, stepWindow, type ChartData, type KnownSeries, type Points } from '../core/chart-data.ts';
import { day, formatDay, subtractDuration, type Day } from '../core/dates.ts';
import type { Problem } from '../core/problems.ts';
import { revisedBetween } from '../core/revisions.ts';
import type { SeriesLog } from '../core/store.ts';
import { describeCondition, displayDate, tickText, valueText } from '../lib/format.ts';
import type { RawChart } from '../notes/parse-note.ts';

/** The chart.js canvas is drawn at most ~800 CSS px wide: its JSON keeps two points per pixel of that. */
export const CANVAS_WIDTH = 800;
/** A note's server SVG spans the text column (42rem less the value gutter), about 620 px: 640 buckets. */
export const NOTE_SVG_WIDTH = 640;
/** Lines are drawn in a U x U box stretched over the plot area (strokes do not scale). */
const U = 1000;
/** Revisions listed under a note's chart; the series page lists them all. */
export const MAX_REVISIONS = 30;

export interface ChartTick {
  /** Position as a percentage of the plot area, e.g. `42.5%`. */
  at: string;
  label: string;
}

export interface ChartGeometry {
  /** The figure's id. */
  id: string;
  series: string;
  title: string;
  /** `<unit> · <from> to <to>`. */
  sub: string;
  source: string;
  illustrative: boolean;
  /** What the island draws (shipped as inert JSON). */
  data: ChartData;
  /** Paths in the U x U box: the series as known now, and as known on the snapshot where revised since. */
  nowPath: string;
  thenPath: string;
  alt: string;
  yTicks: ChartTick[];
  xTicks: (ChartTick & { minor: boolean; end: boolean; start: boolean })[];
  /** The note's date line, when in range. */
  note: { at: string; end: boolean } | null;
  /** The threshold: its height, label and the label's offset. */
  mark: { at: string; dy: string; text: string } | null;
  legend: { now: string; then: string | null; note: string | null; mark: string | null };
  table: ChartTable;
  /** Exact differences between the snapshot's values and now's, in range, ascending (at most MAX_REVISIONS). */
  revisions: { caption: string; rows: { date: string; then: string; now: string }[]; more: number };
}

export interface ChartTable {
  caption: string;
  rows: { date: string; value: string }[];
}

/** A note's chart: what was written, its figure id, and its drawing (made when read, not kept). */
export interface ChartRecord extends RawChart {
  id: string;
  readonly geometry: ChartGeometry;
}

/** A Watch row's sparkline: `draw()` makes its geometry (pure; made when read, not kept). */
export interface SparklineRecord {
  draw(): SparklineGeometry;
}

export interface SparklineGeometry {
  width: number;
  height: number;
  /** Inner padding: the threshold line runs from pad to width − pad. */
  pad: number;
  alt: string;
  /** x of the note's date. */
  noteX: number;
  /** y of a threshold line, or null. */
  threshold: number | null;
  /** Step paths of another series compared with, and of the series itself ('' when none). */
  other: string;
  line: string;
  /** The last point, marked. */
  last: { x: number; y: number } | null;
}

export interface ChartRequest {
  from: Day;
  to: Day;
  now: Day;
  note?: Day | undefined;
  snapshot?: Day | undefined;
  mark?: number | undefined;
  title?: string | undefined;
  id: string;
  /** Buckets of the server SVG's path: the pixels it is drawn on. */
  svgWidth: number;
}

const pct = (u: number) => `${Math.round(u * 10) / 100}%`;

const PERIOD_TEXT = { observation: 'Every observation', month: 'Last observation of each month', quarter: 'Last observation of each quarter', year: 'Last observation of each year' } as const;

/** Per view: memoized path strings and tables, keyed by range, width and value scale. */
const paths = new WeakMap<KnownSeries, Map<string, string>>();
const tables = new WeakMap<KnownSeries, Map<string, ChartTable>>();

/** Everything one chart draws, as known on `now`. */
export function chartGeometry(log: SeriesLog, r: ChartRequest): ChartGeometry {
  const meta = log.meta;
  const { from, to, now: N, note: D, snapshot: S } = r;
  const current = knownSeries(log, N);
  const data = chartData(log, { from, to, note: D, snapshot: S, now: N, mark: r.mark, width: CANVAS_WIDTH });

  const pad = (data.yMax - data.yMin) * 0.06 || Math.abs(data.yMax) * 0.05 || 1;
  const yLo = data.yMin === Infinity ? 0 : data.yMin - pad;
  const yHi = data.yMax === -Infinity ? 1 : data.yMax + pad;
  const span = Math.max(1, data.span);
  const sx = scale(0, span, 0, U);
  const sy = scale(yLo, yHi, U, 0);
  // The SVG's own decimation: the points for its pixels, as absolute days.
  const nowPath = memoIn(paths, current, `${from}:${to}:${r.svgWidth}:${yLo}:${yHi}`, () => {
    if (r.svgWidth === CANVAS_WIDTH) return linePath(data.current.x, data.current.y, sx, sy);
    const p = decimatedView(current, from, to, r.svgWidth);
    return linePath(p.x, p.y, scale(from, from + span, 0, U), sy);
  });
  const thenPath = linePath(data.revised.x, data.revised.y, sx, sy);
  let revisedCount = 0;
  for (const v of data.revised.y) if (v !== null) revisedCount++;

  const xTickDays = dayTicks(from, to, 6);
  const xTicks = xTickDays.map((t, i) => {
    const at = sx(t.day - from) / U;
    // Past four dates, every other one can give way on a narrow chart (chart.css).
    return { at: pct(at * U), label: t.label, minor: xTickDays.length > 4 && i % 2 === 1, end: at > 0.94, start: at < 0.04 };
  });
  const yTicks = niceTicks(yLo, yHi, 5).map((t) => ({ at: pct(sy(t)), label: tickText(t, meta.decimals) }));
  const noteInRange = D !== undefined && D >= from && D <= to;
  const noteAt = noteInRange ? sx(D - from) / U : 0;
  const markText = r.mark === undefined ? '' : `threshold ${valueText(meta, r.mark)}`;

  const [lo, hi] = current.range(from, to);
  let min = Infinity;
  let max = -Infinity;
  for (const v of data.current.y) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const summary =
    hi > lo
      ? `${hi - lo} observations from ${displayDate(formatDay(current.dates[lo]!))} to ${displayDate(formatDay(current.dates[hi - 1]!))}, between ${valueText(meta, min)} and ${valueText(meta, max)}; last ${valueText(meta, current.values[hi - 1]!)}`
      : 'no observations in this range';
  const alt =
    [
      `Line chart of ${meta.name} as known on ${displayDate(data.now)}`,
      summary,
      revisedCount && data.snapshot ? `the values as known on the note's snapshot (${displayDate(data.snapshot)}) are dotted where they were revised since` : '',
      noteInRange && data.note ? `the note's date, ${displayDate(data.note)}, is marked` : '',
      r.mark !== undefined ? `threshold ${valueText(meta, r.mark)}` : '',
    ]
      .filter(Boolean)
      .join('; ') + '.';

  const table = memoIn(tables, current, `${from}:${to}`, () => {
    const t = sampleRows(current, from, to);
    return {
      caption: `${PERIOD_TEXT[t.period]} of ${meta.name}, as known on ${displayDate(data.now)}`,
      rows: t.x.map((x, i) => ({ date: formatDay(x), value: valueText(meta, t.y[i]!) })),
    };
  });
  const changed = S === undefined ? [] : revisedBetween(log, S, N, from, to);

  return {
    id: r.id,
    series: log.id,
    title: r.title ?? meta.name,
    sub: `${meta.unit} · ${displayDate(data.from)} to ${displayDate(data.to)}`,
    source: meta.source,
    illustrative: meta.illustrative === true,
    data,
    nowPath,
    thenPath,
    alt,
    yTicks,
    xTicks,
    note: noteInRange ? { at: pct(noteAt * U), end: noteAt > 0.9 } : null,
    mark: r.mark === undefined ? null : { at: pct(sy(r.mark)), dy: sy(r.mark) < 80 ? '1.1em' : '-0.4em', text: markText },
    legend: {
      now: `As known now (${displayDate(data.now)})`,
      then: revisedCount > 0 && data.snapshot ? `As known on ${displayDate(data.snapshot)}, where revised since` : null,
      note: noteInRange && data.note ? `The note's date (${displayDate(data.note)})` : null,
      mark: r.mark === undefined ? null : `Threshold ${valueText(meta, r.mark)}`,
    },
    table,
    revisions: {
      caption: data.snapshot ? `Revised since the note's snapshot (${displayDate(data.snapshot)})` : '',
      rows: changed.slice(0, MAX_REVISIONS).map((c) => ({ date: formatDay(c.date), then: valueText(meta, c.then), now: valueText(meta, c.now) })),
      more: Math.max(0, changed.length - MAX_REVISIONS),
    },
  };
}

/**
 * A note's charts: each drawn over [from (default a year before the note), to (default now)] as
 * known now, with the note's date and its snapshot's values where revised since. A chart of an
 * unknown or status series has its problem reported by the build already and is left out.
 */
export function noteCharts(file: string, charts: readonly RawChart[], logs: ReadonlyMap<string, SeriesLog>, D: Day, S: Day, N: Day, problems: Problem[]): ChartRecord[] {
  const out: ChartRecord[] = [];
  for (const c of charts) {
    const log = logs.get(c.props.series);
    if (!c.valid || !log || log.meta.kind === 'status') continue;
    const from = c.props.from ? day(c.props.from) : subtractDuration(D, { n: 1, unit: 'y' });
    const to = c.props.to ? day(c.props.to) : N;
    if (from > to) {
      problems.push({ file, ...c.position, field: c.props.from ? 'from' : 'to', message: `<SeriesChart> from ${formatDay(from)} is after to ${formatDay(to)}`, hint: 'Swap them, or leave one out' });
      continue;
    }
    const request: ChartRequest = { from, to, now: N, note: D, snapshot: S, mark: c.props.mark, title: c.props.title, id: `chart-${c.index + 1}`, svgWidth: NOTE_SVG_WIDTH };
    out.push({
      ...c,
      id: request.id,
      get geometry() {
        return chartGeometry(log, request);
      },
    });
  }
  return out;
}

/** A chart outside a note (a series page): the series as known now over its whole history by default. */
export function seriesChart(log: SeriesLog, props: { from?: string | undefined; to?: string | undefined; mark?: number | undefined; title?: string | undefined; id?: string | undefined }, N: Day): ChartGeometry {
  const current = knownSeries(log, N);
  const from = props.from ? day(props.from) : current.length ? current.dates[0]! : N;
  const to = props.to ? day(props.to) : N;
  if (from > to) throw new RangeError(`<SeriesChart series="${log.id}"> from ${formatDay(from)} is after to ${formatDay(to)}; swap them`);
  return chartGeometry(log, { from, to, now: N, mark: props.mark, title: props.title, id: props.id ?? `chart-${log.id}`, svgWidth: CANVAS_WIDTH });
}

const SPARK = { W: 160, H: 40, P: 3, BUCKETS: 60 };

/**
 * A Watch row's sparkline: the series as known now from a while before the note's date through now
 * (a third of the time since, 1 to 12 months), as the step function conditions read, with the
 * threshold (a number, the note-date reference, or another series' line) and the note's date. A status
 * series has no threshold line: its states are not a scale, so the target state is named in words.
 */
export function sparklineRecord(logs: ReadonlyMap<string, SeriesLog>, w: { series: string; condition: Condition; reference: number | null }, D: Day, T: Day): SparklineRecord {
  const { series, condition, reference } = w;
  return { draw: () => sparklineGeometry(logs, { series, condition, reference }, D, T) };
}

/** The sparkline's geometry and text alternative. */
export function sparklineGeometry(logs: ReadonlyMap<string, SeriesLog>, w: { series: string; condition: Condition; reference: number | null }, D: Day, T: Day): SparklineGeometry {
  const { W, H, P, BUCKETS } = SPARK;
  const log = logs.get(w.series)!;
  const meta = log.meta;
  const from = D - Math.min(365, Math.max(30, Math.round((T - D) / 3)));
  const to = Math.max(T, D);
  const line = stepWindow(log, T, from, to, BUCKETS);
  const c = w.condition;
  let threshold: number | null = null;
  let thresholdText = '';
  let other: Points | undefined;
  if (c.test === 'above' || c.test === 'below') {
    if (c.target.type === 'number') {
      threshold = c.target.n;
      thresholdText = `threshold ${valueText(meta, threshold)}`;
    } else if (c.target.type === 'then') {
      threshold = w.reference;
      thresholdText = threshold === null ? '' : `reference ${valueText(meta, threshold)} (its value on the note's date)`;
    } else {
      const otherLog = logs.get(c.target.id)!;
      other = stepWindow(otherLog, T, from, to, BUCKETS);
      thresholdText = `compared with ${otherLog.meta.name} (thin line)`;
    }
  } else if (c.test === 'equals') {
    thresholdText = `target: ${describeCondition(w, (id) => logs.get(id)?.meta)}`;
  }
  const isStatus = meta.kind === 'status';
  const [y0, y1] = isStatus ? [-0.5, meta.states!.length - 0.5] : domain([...line.y, threshold, ...(other?.y ?? [])], 0.12);
  const sx = scale(from, to, P, W - P);
  const sy = scale(y0, y1, H - P, P);
  const word = (v: number) => (isStatus ? (meta.states![v] ?? String(v)) : valueText(meta, v));

  const parts = [`${meta.name} as known on ${displayDate(formatDay(T))}, ${displayDate(formatDay(from))} to ${displayDate(formatDay(to))}`];
  if (line.x.length === 0) parts.push('no observations in this period');
  else {
    parts.push(`${word(line.y[0]!)} at the start, ${word(line.y[line.y.length - 1]!)} at the end`);
    if (!isStatus) parts.push(`low ${word(minOf(line.y))}, high ${word(maxOf(line.y))}`);
  }
  if (thresholdText) parts.push(thresholdText);
  parts.push(`the note's date, ${displayDate(formatDay(D))}, is marked`);
  const n = line.x.length;
  return {
    width: W,
    height: H,
    pad: P,
    alt: `${parts.join('; ')}.`,
    noteX: sx(D),
    threshold: threshold === null ? null : sy(threshold),
    other: other && other.x.length > 0 ? stepPath(other.x, other.y, sx, sy) : '',
    line: n > 0 ? stepPath(line.x, line.y, sx, sy) : '',
    last: n > 0 ? { x: sx(line.x[n - 1]!), y: sy(line.y[n - 1]!) } : null,
  };
}

const minOf = (ys: readonly number[]) => ys.reduce((a, b) => (b < a ? b : a), Infinity);
const maxOf = (ys: readonly number[]) => ys.reduce((a, b) => (b > a ? b : a), -Infinity);
