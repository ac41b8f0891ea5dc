/**
 * Helpers for server-rendered SVG and markup. The geometry (scales, paths, domains) is pure and
 * lives in core/chart-data.ts, where the archive computes it once; components only write it out.
 */
import { escapeHtml } from '../lib/format.ts';

export { domain, linePath, scale, stepPath, type Scale } from '../core/chart-data.ts';

/** JSON for a `<script type="application/json">`: nothing in it can close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** An attribute value or text, escaped. */
export const esc = escapeHtml;
