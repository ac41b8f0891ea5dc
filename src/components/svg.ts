/** Small helpers for server-rendered SVG: linear scales and compact path strings. */

export type Scale = (v: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle. */
export function scale(d0: number, d1: number, r0: number, r1: number): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

const r = (v: number) => Math.round(v * 10) / 10;

/** A polyline path; a `null` value starts a new segment (a gap). */
export function linePath(xs: readonly number[], ys: readonly (number | null)[], sx: Scale, sy: Scale): string {
  let out = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined) {
      pen = false;
      continue;
    }
    out += `${pen ? 'L' : 'M'}${r(sx(xs[i]!))} ${r(sy(y))}`;
    pen = true;
  }
  return out;
}

/** A step path: each value holds until the next point (how conditions read a series). */
export function stepPath(xs: readonly number[], ys: readonly number[], sx: Scale, sy: Scale): string {
  let out = '';
  for (let i = 0; i < xs.length; i++) {
    const x = r(sx(xs[i]!));
    const y = r(sy(ys[i]!));
    out += i === 0 ? `M${x} ${y}` : `H${x}V${y}`;
  }
  return out;
}

/** Padded value domain covering every value given (ignoring null/undefined). */
export function domain(values: readonly (number | null | undefined)[], pad = 0.08): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) {
    const d = Math.abs(lo) * 0.05 || 1;
    return [lo - d, hi + d];
  }
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}

/** JSON for a `<script type="application/json">`: nothing in it can close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
