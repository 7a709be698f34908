/**
 * Text and number helpers shared by every chart: escaping of user text, coordinates rounded
 * to a fixed number of decimals, and ids derived from the content.
 */

/** Escape text for an SVG text node or a double-quoted attribute value. */
export function escapeText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "'") out += "&#39;";
    // Control characters other than tab and line breaks are not allowed in XML 1.0.
    else if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) out += "\uFFFD";
    else if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff))
      out += "\uFFFD";
    else out += ch;
  }
  return out;
}

/** A coordinate rounded to 2 decimals, written without `-0` or exponent. */
export function px(value: number): string {
  const r = Math.round(value * 100) / 100;
  return r === 0 ? "0" : String(r);
}

/** FNV-1a 32-bit hash of a text, as 8 hex digits: ids that follow the content, not a counter. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Rough width in pixels of a text at the given font size (for margins and label fitting). */
export function textWidth(text: string, fontSize = 12): number {
  return [...text].length * fontSize * 0.6;
}

/** An SVG element with attributes (values escaped) and optional raw inner markup. */
export function el(
  name: string,
  attributes: Readonly<Record<string, string | number | undefined>>,
  inner?: string,
): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === "number" ? px(value) : escapeText(value)}"`;
  }
  return inner === undefined ? `${out}/>` : `${out}>${inner}</${name}>`;
}

/** The width of the widest label among `values` formatted by `format`, at least `least` px. */
export function widestLabel(
  values: readonly number[],
  format: (value: number) => string,
  least: number,
): number {
  let widest = least;
  for (const value of values) widest = Math.max(widest, textWidth(format(value)));
  return widest;
}
