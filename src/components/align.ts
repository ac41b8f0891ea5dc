/**
 * GFM column alignment arrives as a `style` (text-align) or `align` prop on th/td; a style attribute
 * would break the Content-Security-Policy (no inline styles), so it becomes a class instead.
 */
export function alignClass(props: Record<string, unknown>): string | undefined {
  const style = props.style;
  let align = typeof props.align === 'string' ? props.align : undefined;
  if (typeof style === 'string') align = /text-align:\s*(left|right|center)/.exec(style)?.[1] ?? align;
  else if (style && typeof style === 'object') {
    const s = style as Record<string, unknown>;
    const v = s.textAlign ?? s['text-align'];
    if (typeof v === 'string') align = v;
  }
  return align && /^(left|right|center)$/.test(align) ? `align-${align}` : undefined;
}

/** The props without the ones turned into the class. */
export function withoutAlign(props: Record<string, unknown>): Record<string, unknown> {
  const { style: _s, align: _a, class: _c, ...rest } = props;
  return rest;
}
