/**
 * HTML building blocks of the report: escaping, and the check that lets a chart's SVG into
 * the page.
 */
import { fail } from "../../_lib/assert.js";

/** Escape text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

/** Elements that run code, embed another document or load a resource. */
const FORBIDDEN_ELEMENTS = new Set([
  "script",
  "foreignobject",
  "iframe",
  "object",
  "embed",
  "image",
  "img",
  "audio",
  "video",
  "link",
  "meta",
  "base",
  "feimage",
]);

/** Why a tag of an inline SVG is refused, or `undefined` when it is safe. */
function refusedTag(tag: string): string | undefined {
  if (/^<!/.test(tag) && !/^<!--/.test(tag)) return "a declaration";
  const name = /^<\/?\s*([A-Za-z][\w:-]*)/.exec(tag)?.[1]?.toLowerCase();
  if (name !== undefined && FORBIDDEN_ELEMENTS.has(name.replace(/^svg:/, ""))) {
    return `a <${name}> element`;
  }
  if (/\son[a-z]+\s*=/i.test(tag)) return "an event handler attribute";
  if (/(?:href|src)\s*=\s*(?!["']\s*#)/i.test(tag)) return "a link to another document";
  if (/url\(\s*(?!["']?\s*#)/i.test(tag)) return "a url() to another document";
  if (/javascript:/i.test(tag)) return "a javascript: URL";
  return undefined;
}

/**
 * Check a chart's SVG for the report and give every `id` in it a prefix unique to the figure
 * (two charts on one page may use the same ids), with the references to them
 * (`url(#…)`, `href="#…"`, `aria-labelledby`, `aria-describedby`).
 */
export function inlineSvg(svg: unknown, prefix: string, fn: string, field: string): string {
  if (typeof svg !== "string") fail(fn, field, "INVALID_OPTION", "must be an SVG string", svg);
  const body = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, "").trim();
  if (!/^<svg[\s>]/.test(body) || !/<\/svg>$/.test(body) || body.indexOf("<svg", 1) !== -1) {
    fail(fn, field, "INVALID_OPTION", "must be one <svg> element", svg);
  }
  for (const tag of body.match(/<[^>]*>?/g) ?? []) {
    const why = refusedTag(tag);
    if (why !== undefined) fail(fn, field, "INVALID_OPTION", `must not contain ${why}`, svg);
  }
  if (/@import|url\(\s*(?!["']?\s*#)/i.test(body)) {
    fail(fn, field, "INVALID_OPTION", "must not load a style sheet or a url()", svg);
  }
  const ids = new Set<string>();
  for (const match of body.matchAll(/\sid\s*=\s*"([^"]*)"/g)) ids.add(match[1] ?? "");
  if (ids.size === 0) return body;
  const rename = (id: string): string => (ids.has(id) ? `${prefix}${id}` : id);
  return body
    .replace(/(\sid\s*=\s*")([^"]*)"/g, (_, head: string, id: string) => `${head}${rename(id)}"`)
    .replace(/url\(\s*#([^)\s]+)\s*\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(
      /((?:xlink:)?href\s*=\s*")#([^"]*)"/g,
      (_, head: string, id: string) => `${head}#${rename(id)}"`,
    )
    .replace(
      /(\saria-(?:labelledby|describedby)\s*=\s*")([^"]*)"/g,
      (_, head: string, list: string) =>
        `${head}${list.split(/\s+/).filter(Boolean).map(rename).join(" ")}"`,
    );
}
