import { describe, expect, it } from 'vitest';
import type { ConditionRecord } from '../../src/archive/build-archive.ts';
import { day, formatDay } from '../../src/core/dates.ts';
import { PIXELS, WIDTH, listedSpans, timelineLanes } from '../../src/components/timeline-lanes.ts';
import { packSpans, type DayStatus } from '../../src/core/timeline.ts';

type DatedSpan = { from: string; to: string; status: DayStatus };

/** A record's packed spans from spans written as dates. */
const packed = (timeline: DatedSpan[]) => packSpans(timeline.map((s) => ({ from: day(s.from), to: day(s.to), status: s.status })));

const rules = (date: string, nowDate: string) => timelineLanes({ conditions: [], date, nowDate }).months.length;

describe('timeline lanes', () => {
  it('rule the axis by month, quarter, year or five years: never more than a few dozen lines', () => {
    expect(rules('2026-03-05', '2026-11-20')).toBe(8); // 1 Apr … 1 Nov
    expect(rules('2026-02-28', '2026-03-01')).toBe(1); // 1 Mar is the day after the note
    expect(rules('2024-01-01', '2026-11-20')).toBe(11); // quarters from 1 Apr 2024
    expect(rules('2010-06-01', '2026-06-30')).toBe(16); // 1 Jan of each year 2011 … 2026
    expect(rules('1999-03-01', '2026-06-30')).toBe(6); // 2000, 2005, … 2025
  });

  it('a lane of more spans than pixels is drawn one pixel at a time, in the status covering most of it', () => {
    const D = day('1999-01-01');
    const N = day('2026-06-30');
    const timeline: DatedSpan[] = [];
    for (let t = D + 1; t <= N; t += 3) timeline.push({ from: formatDay(t), to: formatDay(Math.min(N, t + 2)), status: t % 2 ? 'met' : 'not-met' });
    const { lanes } = timelineLanes({ conditions: [{ kind: 'watch', spanDays: packed(timeline), firstMetShown: null } as unknown as ConditionRecord], date: '1999-01-01', nowDate: '2026-06-30' });
    const rects = lanes[0]!.rects;
    expect(timeline.length).toBeGreaterThan(PIXELS);
    expect(rects.length).toBeLessThanOrEqual(PIXELS);
    // The drawn lane covers the axis exactly once.
    expect(rects.reduce((a, r) => a + r.width, 0)).toBeCloseTo(WIDTH, 5);
    for (let i = 1; i < rects.length; i++) expect(rects[i]!.x).toBeCloseTo(rects[i - 1]!.x + rects[i - 1]!.width, 5);
  });

  it('a lane that fits is drawn span by span', () => {
    const timeline: DatedSpan[] = [
      { from: '2026-03-06', to: '2026-03-08', status: 'met' },
      { from: '2026-03-09', to: '2026-03-20', status: 'not-met' },
    ];
    const { lanes } = timelineLanes({ conditions: [{ kind: 'watch', spanDays: packed(timeline), firstMetShown: '2026-03-06' } as unknown as ConditionRecord], date: '2026-03-05', nowDate: '2026-03-20' });
    expect(lanes[0]!.rects).toEqual([
      { x: 0, width: 200, status: 'met' },
      { x: 200, width: 800, status: 'not-met' },
    ]);
    expect(lanes[0]!.firstMetX).toBe(0);
  });
});

describe('listedSpans', () => {
  const spans = (n: number) => Array.from({ length: n }, (_, i) => [`2026-01-${String(i + 1).padStart(2, '0')}`, `2026-01-${String(i + 1).padStart(2, '0')}`] as [string, string]);
  it('lists up to ten spans whole', () => {
    expect(listedSpans(spans(10))).toEqual({ head: spans(10), skipped: 0, tail: [] });
  });
  it('keeps the first and last five of a longer list and counts the rest', () => {
    const all = spans(25);
    expect(listedSpans(all)).toEqual({ head: all.slice(0, 5), skipped: 15, tail: all.slice(20) });
  });
});
