/**
 * Reading an import file into incoming observations: `csv` (a `date,value` table, the vintage given
 * by the caller), `fred` (a FRED `series/observations` JSON response, vintage given by the caller)
 * and `alfred` (the same response over every real-time period, each row's `realtime_start` its
 * vintage). A "." becomes a withdrawal, which the append keeps only where the log has a value to
 * withdraw. Every problem is collected with its line or JSON path; nothing is coerced.
 */
import { parseDay, type Day } from '../core/dates.ts';
import { WITHDRAWN } from '../core/observation-log.ts';
import type { SeriesMeta } from '../core/schema.ts';
import { parseFredResponse } from '../feeds/fred.ts';
import { FeedError } from '../feeds/types.ts';
import { valueOf, type Incoming } from './append.ts';

export const IMPORT_FORMATS = ['csv', 'fred', 'alfred'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ParsedImport {
  incoming: Incoming[];
  problems: string[];
  notes: string[];
}

const MAX_LINE = 4096;
const MAX_PROBLEMS = 25;

function decodeText(file: string, bytes: Uint8Array, problems: string[]): string | undefined {
  if (bytes.includes(0)) {
    problems.push(`${file}: is not a text file (it contains NUL bytes); export the data as CSV or JSON text`);
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.push(`${file}: is not valid UTF-8 text; save it as UTF-8`);
    return undefined;
  }
}

export function parseCsvImport(file: string, bytes: Uint8Array, meta: SeriesMeta, vintage: Day): ParsedImport {
  const out: ParsedImport = { incoming: [], problems: [], notes: [] };
  let text = decodeText(file, bytes, out.problems);
  if (text === undefined) return out;
  if (text.startsWith('\uFEFF')) text = text.slice(1); // a spreadsheet's byte-order mark is not data
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = (lines[0] ?? '').replace(/\r$/, '');
  if (header !== 'date,value') {
    const looksJson = /^\s*[[{]/.test(header);
    out.problems.push(
      `${file}:1: the header is "${header.slice(0, 60)}", expected exactly "date,value"` +
        (looksJson ? '; this looks like JSON: for a FRED or ALFRED response add --format fred or --format alfred' : '; put the columns in that order, lower case, no spaces'),
    );
    return out;
  }
  const seen = new Map<Day, number>();
  for (let i = 1; i < lines.length && out.problems.length < MAX_PROBLEMS; i++) {
    const line = i + 1;
    const raw = lines[i]!.replace(/\r$/, '');
    const at = `${file}:${line}`;
    if (raw.length > MAX_LINE) {
      out.problems.push(`${at}: line is ${raw.length} characters long; this is not a date,value row`);
      continue;
    }
    if (raw === '') {
      out.problems.push(`${at}: blank line; remove it`);
      continue;
    }
    if (raw.includes('"')) {
      out.problems.push(`${at}: has a double quote; cells are never quoted (write 1234.5, not "1,234.5")`);
      continue;
    }
    const cells = raw.split(',');
    if (cells.length !== 2) {
      out.problems.push(`${at}: has ${cells.length} cells, expected 2 (date,value); write numbers without thousands separators`);
      continue;
    }
    const [dateText, valueText] = cells as [string, string];
    const date = parseDay(dateText);
    if (date === undefined) {
      out.problems.push(`${at}: date "${dateText.slice(0, 40)}" is not a calendar date${/^\d{4}-\d{2}-\d{2}$/.test(dateText) ? ' (that day does not exist)' : '; write YYYY-MM-DD'}`);
    }
    const v = valueOf(meta, valueText);
    if ('problem' in v) out.problems.push(`${at}: ${v.problem}`);
    if (date === undefined || 'problem' in v) continue;
    const first = seen.get(date);
    if (first !== undefined) {
      out.problems.push(`${at}: date ${dateText} appears again (first on line ${first}); give each date once`);
      continue;
    }
    seen.set(date, line);
    out.incoming.push({ date, value: valueText, vintage, where: at });
  }
  if (out.problems.length >= MAX_PROBLEMS) out.problems.push(`${file}: stopped after ${MAX_PROBLEMS} problems`);
  return out;
}

/** A FRED (vintage given) or ALFRED (vintages kept) JSON response saved to a file. */
export function parseFredImport(file: string, bytes: Uint8Array, meta: SeriesMeta, format: 'fred' | 'alfred', vintage: Day | undefined): ParsedImport {
  const out: ParsedImport = { incoming: [], problems: [], notes: [] };
  const text = decodeText(file, bytes, out.problems);
  if (text === undefined) return out;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    out.problems.push(`${file}${line ? `:${line}` : ''}: not valid JSON (${(e as Error).message}); save the API response unchanged, with file_type=json`);
    return out;
  }
  let page;
  try {
    page = parseFredResponse(json, format, file, format === 'alfred');
  } catch (e) {
    if (!(e instanceof FeedError)) throw e;
    out.problems.push(`${file}: ${e.message.replace(/^\w+ \(series [^)]*\): /, '')}`);
    return out;
  }
  const units = (json as { units?: unknown }).units;
  if (typeof units === 'string' && units !== 'lin') {
    out.notes.push(`${file} was requested with units=${units}, a transformation of the series (lin is the levels); make sure that is what ${file} should hold`);
  }
  if (page.received < page.count) {
    out.notes.push(`${file} holds ${page.received} of the ${page.count} observations its query matched (one page); import the other pages too`);
  }
  // ALFRED: a "." after a value withdraws it from that vintage on; a "." for a date not valued at
  // that point of the history (never, or already withdrawn) says nothing new and is skipped.
  const points = format === 'alfred' ? [...page.points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.vintage! < b.vintage! ? -1 : a.vintage! > b.vintage! ? 1 : 0)) : page.points;
  const valued = new Set<string>();
  for (const p of points) {
    const where = `${file} observation ${p.date}${p.vintage ? ` (vintage ${p.vintage})` : ''}`;
    let value: string;
    if (p.value === null) {
      if (format === 'alfred' && !valued.has(p.date)) continue;
      valued.delete(p.date);
      value = WITHDRAWN;
    } else {
      const v = valueOf(meta, p.value);
      if ('problem' in v) {
        if (out.problems.length < MAX_PROBLEMS) out.problems.push(`${where}: ${v.problem}`);
        continue;
      }
      valued.add(p.date);
      value = p.value;
    }
    const pv = p.vintage !== undefined ? parseDay(p.vintage) : vintage;
    const date = parseDay(p.date);
    if (date === undefined || pv === undefined) {
      out.problems.push(`${where}: ${date === undefined ? `date ${p.date}` : `realtime_start ${p.vintage}`} is not a calendar date`);
      continue;
    }
    out.incoming.push({ date, value, vintage: pv, where });
  }
  return out;
}
