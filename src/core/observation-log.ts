/**
 * Parses `data/series/<id>.csv`, the append-only observation log: header `date,value,vintage`, one row
 * per (date, vintage). Parsing uses csv-parse; the rules of the format are checked here, every broken
 * rule reported with its line. Nothing is coerced: an empty cell, NaN, "." or "1,234" is an error.
 */
import { parse } from 'csv-parse/sync';
import { parseDay, type Day } from './dates.ts';
import { DECIMAL } from './patterns.ts';
import type { Problem } from './problems.ts';
import type { SeriesMeta } from './schema.ts';

export const LOG_HEADER = 'date,value,vintage';
/** The value of a row that withdraws its date's observation from that vintage on (stored as NaN). */
export const WITHDRAWN = 'withdrawn';
/** No honest row is longer than this; a longer one is garbage and is refused before parsing. */
export const MAX_LINE_BYTES = 4096;

/**
 * A finite number as the log writes a value: a plain decimal, never an exponent (the format accepts
 * none); undefined for NaN and infinities. Used by the feeds and by a derived series' CSV.
 */
export function decimalText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // From 1e21 up a double is a whole number (and toFixed writes an exponent there).
  if (Math.abs(n) >= 1) return BigInt(Math.round(n)).toString();
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Parsed rows, column-wise. For a status series `values` holds indexes into `states`; NaN is a withdrawal. */
export interface ObservationRows {
  dates: Int32Array;
  vintages: Int32Array;
  values: Float64Array;
  /** Byte offset just past the newline that ends each data row: what a seal of `k` rows hashes. */
  rowEnds: Int32Array;
  /** 1-based line number of data row i is i + 2. */
  count: number;
}

export interface ParsedLog {
  rows: ObservationRows;
  problems: Problem[];
}

const FIX_HISTORY = 'Logs are append-only: add a new row with a later vintage instead';

export function parseObservationLog(file: string, bytes: Uint8Array, meta: SeriesMeta): ParsedLog {
  const problems: Problem[] = [];
  const empty: ObservationRows = {
    dates: new Int32Array(0),
    vintages: new Int32Array(0),
    values: new Float64Array(0),
    rowEnds: new Int32Array(0),
    count: 0,
  };
  const fail = (line: number | undefined, message: string, hint?: string): ParsedLog => {
    problems.push({ file, line, message, hint });
    return { rows: empty, problems };
  };

  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return fail(1, 'the file starts with a byte-order mark (BOM)', 'Save it as UTF-8 without BOM');
  }
  // Line ends and line lengths come from one pass over the bytes, before any parsing.
  const lineEnds: number[] = [];
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0d) return fail(lineEnds.length + 1, 'the file has CRLF or CR line endings', 'Save it with LF (\\n) line endings');
    if (b === 0x0a) {
      if (i - lineStart > MAX_LINE_BYTES) {
        return fail(lineEnds.length + 1, `line is ${i - lineStart} bytes long (at most ${MAX_LINE_BYTES})`, 'This is not an observation row; restore the file from version control');
      }
      lineEnds.push(i + 1);
      lineStart = i + 1;
    }
  }
  if (bytes.length - lineStart > MAX_LINE_BYTES) {
    return fail(lineEnds.length + 1, `line is ${bytes.length - lineStart} bytes long (at most ${MAX_LINE_BYTES})`, 'This is not an observation row; restore the file from version control');
  }
  if (bytes.length === 0) return fail(1, 'the file is empty', `Start it with the header line "${LOG_HEADER}"`);
  if (lineStart !== bytes.length) {
    return fail(lineEnds.length + 1, 'the last line does not end with a newline', 'Add a newline at the end of the file');
  }

  // csv-parse would silently unquote "4.1"; the format has no quoting, so a quote is refused.
  const quote = bytes.indexOf(0x22);
  if (quote >= 0) {
    const line = lineEnds.filter((end) => end <= quote).length + 1;
    return fail(line, 'the line has a double quote ("): cells are never quoted', 'Each row is date,value,vintage with no quotes; write numbers without thousands separators');
  }

  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const firstLine = text.slice(0, text.indexOf('\n'));
  if (firstLine !== LOG_HEADER) {
    return fail(1, `the header is "${firstLine.slice(0, 80)}", expected exactly "${LOG_HEADER}"`, 'Put the columns in this order, lower case, with no spaces');
  }

  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: false, bom: false });
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return fail(err.lines, `not valid CSV: ${err.message.replace(/^Invalid [^:]*: /, '')}`, 'Each row is date,value,vintage with no quotes');
  }
  if (records.length !== lineEnds.length) {
    return fail(undefined, 'a quoted cell spans several lines', 'Each row is date,value,vintage on one line, with no quotes');
  }

  const n = records.length - 1;
  const dates = new Int32Array(n);
  const vintages = new Int32Array(n);
  const values = new Float64Array(n);
  const stateIndex = new Map((meta.states ?? []).map((s, i) => [s, i]));
  const lastVintageOf = new Map<Day, Day>();
  /** Whether each date has a value at this point of the log (false once withdrawn). */
  const valued = new Map<Day, boolean>();
  let prevVintage = -Infinity;
  let prevVintageText = '';

  for (let r = 1; r < records.length; r++) {
    const line = r + 1;
    const cells = records[r]!;
    const problem = (message: string, hint?: string) => problems.push({ file, line, message, hint });
    if (cells.length !== 3) {
      problem(`has ${cells.length} cell${cells.length === 1 ? '' : 's'}, expected 3 (date,value,vintage)`, 'Remove blank lines and extra commas; write numbers without thousands separators');
      continue;
    }
    const [dateText, valueText, vintageText] = cells as [string, string, string];
    const date = parseDay(dateText);
    const vintage = parseDay(vintageText);
    if (date === undefined) problem(`date "${dateText}" is not a calendar date`, 'Write dates as YYYY-MM-DD');
    if (vintage === undefined) problem(`vintage "${vintageText}" is not a calendar date`, 'Write dates as YYYY-MM-DD');

    let value = NaN;
    const withdrawn = valueText === WITHDRAWN;
    if (withdrawn) {
      if (date !== undefined && valued.get(date) !== true) {
        problem(`"${WITHDRAWN}" for date ${dateText}, which has no value to withdraw at this point of the log`, 'A withdrawal follows a row that gave the date a value; leave out a date that never had one');
      }
    } else if (meta.kind === 'status') {
      const idx = stateIndex.get(valueText);
      if (idx === undefined) problem(`value "${valueText}" is not one of the states (${meta.states!.join(', ')})`, 'Use one of the states, or add it to the series YAML');
      else value = idx;
    } else if (!DECIMAL.test(valueText)) {
      problem(
        valueText === '' ? 'value is empty' : `value "${valueText}" is not a decimal number`,
        'Write a plain decimal like 4.33 or -12 (no empty cells, ".", NaN, commas or units); leave out a day with no value',
      );
    } else if (!Number.isFinite(Number(valueText))) {
      problem(`value "${valueText.slice(0, 40)}${valueText.length > 40 ? '…' : ''}" is too large to be a finite number`, 'Write the value in the series\' unit with fewer digits');
    } else {
      value = Number(valueText);
    }
    if (date === undefined || vintage === undefined) continue;
    if (date > vintage) problem(`date ${dateText} is after its vintage ${vintageText}`, 'A value cannot be known before the day it is for: the vintage is the first day it was published');
    if (vintage < prevVintage) {
      problem(`vintage ${vintageText} is earlier than the row above it (${prevVintageText})`, FIX_HISTORY + ' at the end of the file');
    }
    if (lastVintageOf.get(date) === vintage) problem(`a second row for date ${dateText} with vintage ${vintageText}`, 'Each (date, vintage) appears once; a revision needs a later vintage');
    lastVintageOf.set(date, vintage);
    valued.set(date, !withdrawn);
    if (vintage > prevVintage) {
      prevVintage = vintage;
      prevVintageText = vintageText;
    }
    dates[r - 1] = date;
    vintages[r - 1] = vintage;
    values[r - 1] = value;
  }
  return {
    rows: { dates, vintages, values, rowEnds: Int32Array.from(lineEnds.slice(1)), count: n },
    problems,
  };
}
