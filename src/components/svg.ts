/**
 * Helpers for server-rendered SVG and markup. The geometry (scales, paths, domains) is pure and
 * lives in core/chart-data.ts, where the archive computes it once; components only write it out.
 */
import type { SparklineGeometry } from '../archive/chart-records.ts';
import { escapeHtml } from '../lib/format.ts';

/** JSON for a `<script type="application/json">`: nothing in it can close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A Watch row's sparkline as markup, from its record's drawing (`w.sparkline.draw()`): strings only. */
export function sparklineSvg(s: SparklineGeometry): string {
  const H = s.height;
  return (
    `<svg class="sparkline" data-pagefind-ignore viewBox="0 0 ${s.width} ${H}" width="${s.width}" height="${H}" role="img">` +
    `<title>${escapeHtml(s.alt)}</title><line class="spark-note" x1="${s.noteX}" x2="${s.noteX}" y1="0" y2="${H}"></line>` +
    (s.threshold !== null ? `<line class="spark-threshold" x1="${s.pad}" x2="${s.width - s.pad}" y1="${s.threshold}" y2="${s.threshold}"></line>` : '') +
    (s.other ? `<path class="spark-other" d="${s.other}"></path>` : '') +
    (s.line ? `<path class="spark-line" d="${s.line}"></path>` : '') +
    (s.last ? `<circle class="spark-now" cx="${s.last.x}" cy="${s.last.y}" r="2.5"></circle>` : '') +
    '</svg>'
  );
}
