/**
 * The chart island's words and numbers, through the same formatter as the server (src/lib/format.ts):
 * the canvas axis and the pointer readout read exactly as the SVG, the data table and the rows do.
 */
import type { ChartData } from '../core/chart-data.ts';
import { formatDay } from '../core/dates.ts';
import { displayDate, tickText, valueText, type ValueMeta } from '../lib/format.ts';

const metaOf = (data: Pick<ChartData, 'unit' | 'decimals'>): ValueMeta => ({ kind: 'number', unit: data.unit, decimals: data.decimals ?? undefined });

/** A value-axis label, as the server SVG writes it. */
export function axisText(data: Pick<ChartData, 'decimals'>, value: number): string {
  return tickText(value, data.decimals);
}

/** "5 Mar 2026: −0.25%", and the value as known on the note's snapshot where it was revised since. */
export function readoutText(data: Pick<ChartData, 'unit' | 'decimals' | 'snapshot'>, day: number, now: number, then?: number | null): string {
  const meta = metaOf(data);
  const revised = then != null && then !== now && data.snapshot ? ` (as known on ${displayDate(data.snapshot)}: ${valueText(meta, then)})` : '';
  return `${displayDate(formatDay(day))}: ${valueText(meta, now)}${revised}`;
}
