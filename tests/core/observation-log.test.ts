import { describe, expect, it } from 'vitest';
import { day } from '../../src/core/dates.ts';
import { LOG_HEADER, MAX_LINE_BYTES, parseObservationLog } from '../../src/core/observation-log.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { enc, numberMeta, statusMeta } from './helpers.ts';

const FILE = 'data/series/usdjpy.csv';
const H = 'date,value,vintage\n';
const parse = (text: string | Uint8Array, meta = numberMeta()) =>
  parseObservationLog(FILE, typeof text === 'string' ? enc(text) : text, meta);

describe('a valid log', () => {
  it('parses rows column-wise with row ends at each newline', () => {
    const text = H + '2026-01-05,4.1,2026-01-05\n2026-01-06,-12,2026-01-07\n2026-01-05,4.3,2026-01-09\n';
    const { rows, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(rows.count).toBe(3);
    expect([...rows.dates]).toEqual([day('2026-01-05'), day('2026-01-06'), day('2026-01-05')]);
    expect([...rows.vintages]).toEqual([day('2026-01-05'), day('2026-01-07'), day('2026-01-09')]);
    expect([...rows.values]).toEqual([4.1, -12, 4.3]);
    const ends = [...rows.rowEnds];
    expect(ends.at(-1)).toBe(text.length);
    for (const e of ends) expect(text[e - 1]).toBe('\n');
    expect(ends[0]).toBe(H.length + '2026-01-05,4.1,2026-01-05\n'.length);
  });

  it('a header-only log has no rows and no problems', () => {
    const { rows, problems } = parse(H);
    expect(problems).toEqual([]);
    expect(rows.count).toBe(0);
  });

  it.each(['0', '-0', '4', '4.33', '-12.5', '000123.4500', '123456789012.123456'])('accepts the decimal %s', (v) => {
    const { rows, problems } = parse(`${H}2026-01-05,${v},2026-01-05\n`);
    expect(problems).toEqual([]);
    expect(rows.values[0]).toBe(Number(v));
  });

  it('status values become indexes into states', () => {
    const meta = statusMeta(['pending', 'passed', 'enacted']);
    const { rows, problems } = parse(`${H}2026-01-05,pending,2026-01-05\n2026-02-01,enacted,2026-02-01\n`, meta);
    expect(problems).toEqual([]);
    expect([...rows.values]).toEqual([0, 2]);
  });

  it('same vintage on many rows, and revisions of one date with later vintages, are fine', () => {
    const text = H + '2026-01-05,1,2026-01-09\n2026-01-06,2,2026-01-09\n2026-01-05,3,2026-01-10\n2026-01-05,4,2026-01-11\n';
    expect(parse(text).problems).toEqual([]);
  });
});

// Each broken rule must give one problem naming the file, the line and the rule.
const LONG = '9'.repeat(3 * 1024 * 1024);
const cases: Array<{ rule: string; text: string | Uint8Array; meta?: ReturnType<typeof numberMeta>; line: number | undefined; message: RegExp }> = [
  { rule: 'empty file', text: '', line: 1, message: /the file is empty/ },
  { rule: 'BOM', text: new Uint8Array([0xef, 0xbb, 0xbf, ...enc(H + '2026-01-05,1,2026-01-05\n')]), line: 1, message: /byte-order mark/ },
  { rule: 'CRLF', text: 'date,value,vintage\r\n2026-01-05,1,2026-01-05\r\n', line: 1, message: /CRLF or CR line endings/ },
  { rule: 'CRLF on a later line only', text: H + '2026-01-05,1,2026-01-05\n2026-01-06,1,2026-01-06\r\n', line: 3, message: /CRLF/ },
  { rule: 'lone CR', text: H + '2026-01-05,1,2026-01-05\r2026-01-06,1,2026-01-06\n', line: 2, message: /CR line endings/ },
  { rule: 'missing final newline', text: H + '2026-01-05,1,2026-01-05\n2026-01-06,1,2026-01-06', line: 3, message: /does not end with a newline/ },
  { rule: 'header only, no newline', text: 'date,value,vintage', line: 1, message: /does not end with a newline/ },
  { rule: 'header in the wrong order', text: 'date,vintage,value\n2026-01-05,2026-01-05,1\n', line: 1, message: /header is "date,vintage,value", expected exactly "date,value,vintage"/ },
  { rule: 'header with spaces', text: 'date, value, vintage\n2026-01-05,1,2026-01-05\n', line: 1, message: /header is "date, value, vintage"/ },
  { rule: 'header upper case', text: 'Date,Value,Vintage\n', line: 1, message: /expected exactly/ },
  { rule: 'header missing', text: '2026-01-05,1,2026-01-05\n', line: 1, message: /header is "2026-01-05,1,2026-01-05"/ },
  { rule: 'header with an extra column', text: 'date,value,vintage,note\n', line: 1, message: /expected exactly/ },
  { rule: 'empty value cell', text: H + '2026-01-05,1,2026-01-05\n2026-01-06,,2026-01-06\n', line: 3, message: /value is empty/ },
  { rule: 'empty date cell', text: H + ',1,2026-01-05\n', line: 2, message: /date "" is not a calendar date/ },
  { rule: 'empty vintage cell', text: H + '2026-01-05,1,\n', line: 2, message: /vintage "" is not a calendar date/ },
  { rule: 'NaN', text: H + '2026-01-05,NaN,2026-01-05\n', line: 2, message: /value "NaN" is not a decimal number/ },
  { rule: 'Infinity', text: H + '2026-01-05,Infinity,2026-01-05\n', line: 2, message: /value "Infinity" is not a decimal number/ },
  { rule: '-Infinity', text: H + '2026-01-05,-Infinity,2026-01-05\n', line: 2, message: /value "-Infinity" is not a decimal number/ },
  { rule: 'a dot for missing', text: H + '2026-01-05,.,2026-01-05\n', line: 2, message: /value "\." is not a decimal number/ },
  { rule: 'thousands separator', text: H + '2026-01-05,1,234,2026-01-05\n', line: 2, message: /has 4 cells, expected 3/ },
  { rule: 'percent', text: H + '2026-01-05,5%,2026-01-05\n', line: 2, message: /value "5%" is not a decimal number/ },
  { rule: 'exponent', text: H + '2026-01-05,1e3,2026-01-05\n', line: 2, message: /value "1e3" is not a decimal number/ },
  { rule: 'leading plus', text: H + '2026-01-05,+1,2026-01-05\n', line: 2, message: /value "\+1" is not a decimal/ },
  { rule: 'leading dot', text: H + '2026-01-05,.5,2026-01-05\n', line: 2, message: /value "\.5" is not a decimal/ },
  { rule: 'trailing dot', text: H + '2026-01-05,5.,2026-01-05\n', line: 2, message: /value "5\." is not a decimal/ },
  { rule: 'hex', text: H + '2026-01-05,0x10,2026-01-05\n', line: 2, message: /value "0x10" is not a decimal/ },
  { rule: 'spaces around a value', text: H + '2026-01-05, 4.1,2026-01-05\n', line: 2, message: /value " 4\.1" is not a decimal/ },
  { rule: 'comma decimal', text: H + '2026-01-05,4;1,2026-01-05\n', line: 2, message: /value "4;1" is not a decimal/ },
  { rule: 'overflow to Infinity', text: H + `2026-01-05,${'9'.repeat(400)},2026-01-05\n`, line: 2, message: /too large to be a finite number/ },
  { rule: 'quoted value', text: H + '2026-01-05,1,2026-01-05\n2026-01-06,"4.1",2026-01-06\n', line: 3, message: /double quote.*never quoted/ },
  { rule: 'quoted thousands', text: H + '2026-01-05,"1,234",2026-01-05\n', line: 2, message: /never quoted/ },
  { rule: 'quote spanning lines', text: H + '2026-01-05,"1\n2",2026-01-05\n', line: 2, message: /never quoted/ },
  { rule: 'too few cells', text: H + '2026-01-05,1\n', line: 2, message: /has 2 cells, expected 3/ },
  { rule: 'too many cells', text: H + '2026-01-05,1,2026-01-05,x\n', line: 2, message: /has 4 cells, expected 3/ },
  { rule: 'blank line', text: H + '2026-01-05,1,2026-01-05\n\n2026-01-06,1,2026-01-06\n', line: 3, message: /has 1 cell, expected 3/ },
  { rule: 'impossible date', text: H + '2026-02-30,1,2026-03-01\n', line: 2, message: /date "2026-02-30" is not a calendar date/ },
  { rule: 'impossible vintage', text: H + '2026-02-27,1,2026-02-29\n', line: 2, message: /vintage "2026-02-29" is not a calendar date/ },
  { rule: 'US date format', text: H + '01/05/2026,1,2026-01-05\n', line: 2, message: /date "01\/05\/2026" is not a calendar date/ },
  { rule: 'date after vintage', text: H + '2026-01-06,1,2026-01-05\n', line: 2, message: /date 2026-01-06 is after its vintage 2026-01-05/ },
  {
    rule: 'vintage decreasing',
    text: H + '2026-01-05,1,2026-01-05\n2026-01-08,1,2026-01-08\n2026-01-06,1,2026-01-07\n',
    line: 4,
    message: /vintage 2026-01-07 is earlier than the row above it \(2026-01-08\)/,
  },
  {
    rule: 'duplicate (date, vintage)',
    text: H + '2026-01-05,1,2026-01-06\n2026-01-05,2,2026-01-06\n',
    line: 3,
    message: /a second row for date 2026-01-05 with vintage 2026-01-06/,
  },
  {
    rule: 'status value not in states',
    text: H + '2026-01-05,pending,2026-01-05\n2026-01-06,vetoed,2026-01-06\n',
    meta: statusMeta(['pending', 'passed']),
    line: 3,
    message: /value "vetoed" is not one of the states \(pending, passed\)/,
  },
  { rule: 'status value in the wrong case', text: H + '2026-01-05,Pending,2026-01-05\n', meta: statusMeta(['pending']), line: 2, message: /"Pending" is not one of the states/ },
  { rule: 'status value empty', text: H + '2026-01-05,,2026-01-05\n', meta: statusMeta(['pending']), line: 2, message: /"" is not one of the states/ },
  { rule: 'a number in a status series', text: H + '2026-01-05,1,2026-01-05\n', meta: statusMeta(['pending']), line: 2, message: /"1" is not one of the states/ },
  { rule: 'a very long line (3 MB)', text: H + '2026-01-05,1,2026-01-05\n2026-01-06,' + LONG + ',2026-01-06\n', line: 3, message: /line is \d+ bytes long \(at most 4096\)/ },
  { rule: 'a very long last line without newline', text: H + LONG, line: 2, message: /line is 3145728 bytes long/ },
  { rule: 'a very long header', text: 'date,value,vintage' + ' '.repeat(5000) + '\n', line: 1, message: /bytes long/ },
];

describe('every broken rule is one problem naming file, line and rule', () => {
  it.each(cases)('$rule', ({ text, meta, line, message }) => {
    const { problems } = parse(text, meta);
    expect(problems).toHaveLength(1);
    const p = problems[0]!;
    expect(p.file).toBe(FILE);
    expect(p.line).toBe(line);
    expect(p.message).toMatch(message);
    expect(p.hint).toBeTruthy();
    expect(p.severity).toBeUndefined();
    // The one-line form names file:line first.
    expect(formatProblem(p).startsWith(`${FILE}:${line}: `)).toBe(true);
  });

  it('a line of exactly MAX_LINE_BYTES is not refused for its length', () => {
    const value = '1'.repeat(MAX_LINE_BYTES - '2026-01-05,,2026-01-05'.length);
    const { problems } = parse(`${H}2026-01-05,${value},2026-01-05\n`);
    expect(problems.some((p) => /bytes long/.test(p.message))).toBe(false);
  });

  it('collects every row problem, not just the first', () => {
    const text = H + '2026-01-05,NaN,2026-01-05\n2026-01-06,1,2026-01-06\n2026-01-07,5%,2026-01-07\n2026-01-09,1,2026-01-08\n';
    const { problems } = parse(text);
    expect(problems.map((p) => p.line)).toEqual([2, 4, 5]);
  });

  it('a row with a bad date and a bad value reports both', () => {
    const { problems } = parse(H + '2026-13-01,abc,2026-01-05\n');
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/date "2026-13-01"/),
      expect.stringMatching(/value "abc"/),
    ]);
  });

  it('the header constant is the contract', () => {
    expect(LOG_HEADER).toBe('date,value,vintage');
  });
});
