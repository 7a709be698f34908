/**
 * WCAG 2.x contrast, written out again from the specification for the tests (not imported
 * from the charts): https://www.w3.org/TR/WCAG21/#dfn-relative-luminance and
 * https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio.
 */
function channels(colour: string): number[] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (m === null) throw new Error(`expected #rrggbb, got ${colour}`);
  return [m[1], m[2], m[3]].map((h) => Number.parseInt(h as string, 16) / 255);
}

export function wcagLuminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  ) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function wcagContrast(a: string, b: string): number {
  const [hi, lo] = [wcagLuminance(a), wcagLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
