import { fail, option, options as readOptions } from "../../_lib/assert.js";
import { Decimal } from "../../_lib/decimal.js";
import { escapeHtml, inlineSvg } from "./_html.js";
import { reportStyle } from "./_style.js";
import type { HtmlReportOptions, ReportSection, ReportTheme } from "./types.js";

const FN = "htmlReport";

/** A BCP 47 language tag, in the loose form `<html lang>` takes (`'en'`, `'de-CH'`). */
const LANG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** A required text field. */
function text(value: unknown, fn: string, field: string): string {
  if (typeof value !== "string") fail(fn, field, "INVALID_OPTION", "must be a string", value);
  return value;
}

/** An optional text field. */
function optionalText(value: unknown, fn: string, field: string): string | undefined {
  return value === undefined ? undefined : text(value, fn, field);
}

/** A list given as an array. */
function list(value: unknown, fn: string, field: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(fn, field, "INVALID_OPTION", "must be an array", value);
  return value;
}

/** A section object, read once (so a getter cannot answer differently later). */
function sectionRecord(value: unknown, fn: string, field: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(fn, field, "INVALID_OPTION", "must be a section object", value);
  }
  return value as Record<string, unknown>;
}

/** A table cell as text: a string, a finite number, a Decimal, or `null` (absent). */
function cellText(value: unknown, fn: string, field: string): string | null {
  if (value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    if (Number.isNaN(value))
      fail(fn, field, "NOT_A_NUMBER", "must be a string, a number or null", value);
    if (!Number.isFinite(value)) fail(fn, field, "NOT_FINITE", "must be finite", value);
    return String(value === 0 ? 0 : value);
  }
  if (Decimal.isDecimal(value)) {
    const d = new Decimal(value as Decimal);
    if (!d.isFinite()) fail(fn, field, "NOT_FINITE", "must be finite", value);
    return d.isZero() ? "0" : d.toString();
  }
  return fail(fn, field, "INVALID_OPTION", "must be a string, a number or null", value);
}

/** The `<h2>` of a section, or nothing. */
function heading(value: unknown, fn: string, field: string, id: string): string {
  const h = optionalText(value, fn, field);
  return h === undefined ? "" : `<h2 id="${id}">${escapeHtml(h)}</h2>\n`;
}

/** One paragraph of text, with its line breaks kept. */
function paragraph(value: string): string {
  return `<p>${escapeHtml(value).replace(/\r?\n/g, "<br>")}</p>`;
}

function kpisHtml(s: Record<string, unknown>, fn: string, at: string, n: number): string {
  const items = list(s.items, fn, `${at}.items`);
  const parts = items.map((raw, i) => {
    const field = `${at}.items[${i}]`;
    const item = sectionRecord(raw, fn, field);
    const label = text(item.label, fn, `${field}.label`);
    const value = text(item.value, fn, `${field}.value`);
    const note = optionalText(item.note, fn, `${field}.note`);
    return (
      `<div class="kpi"><dt>${escapeHtml(label)}</dt><dd class="value">${escapeHtml(value)}</dd>` +
      (note === undefined ? "" : `<dd class="note">${escapeHtml(note)}</dd>`) +
      "</div>"
    );
  });
  return `${heading(s.heading, fn, `${at}.heading`, `s${n}`)}<dl class="kpis">\n${parts.join("\n")}\n</dl>\n`;
}

function chartHtml(s: Record<string, unknown>, fn: string, at: string, n: number): string {
  const head = heading(s.heading, fn, `${at}.heading`, `s${n}`);
  const caption = text(s.caption, fn, `${at}.caption`);
  const svg = inlineSvg(s.svg, `r${n}-`, fn, `${at}.svg`);
  return `${head}<figure>\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>\n`;
}

function tableHtml(s: Record<string, unknown>, fn: string, at: string, n: number): string {
  const head = heading(s.heading, fn, `${at}.heading`, `s${n}`);
  const caption = optionalText(s.caption, fn, `${at}.caption`);
  const rowHeaders = option(s.rowHeaders, [true, false], true, fn, `${at}.rowHeaders`);
  const columns = list(s.columns, fn, `${at}.columns`).map((raw, i) => {
    const field = `${at}.columns[${i}]`;
    const column = sectionRecord(raw, fn, field);
    return {
      label: text(column.label, fn, `${field}.label`),
      align: option(column.align, ["left", "right"] as const, "left", fn, `${field}.align`),
    };
  });
  if (columns.length === 0)
    fail(fn, `${at}.columns`, "EMPTY", "must name at least one column", s.columns);
  const cls = (i: number): string => (columns[i]?.align === "right" ? ' class="num"' : "");
  const rows = list(s.rows, fn, `${at}.rows`).map((raw, r) => {
    const field = `${at}.rows[${r}]`;
    const cells = list(raw, fn, field);
    if (cells.length !== columns.length) {
      fail(fn, field, "INCONSISTENT", `must have one cell per column (${columns.length})`, raw);
    }
    const html = cells.map((value, c) => {
      const t = cellText(value, fn, `${field}[${c}]`);
      const content = t === null ? '<span class="none">–</span>' : escapeHtml(t);
      return c === 0 && rowHeaders
        ? `<th scope="row"${cls(c)}>${content}</th>`
        : `<td${cls(c)}>${content}</td>`;
    });
    return `<tr>${html.join("")}</tr>`;
  });
  const header = columns
    .map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c.label)}</th>`)
    .join("");
  return (
    `${head}<div class="table-wrap"><table>\n` +
    (caption === undefined ? "" : `<caption>${escapeHtml(caption)}</caption>\n`) +
    `<thead><tr>${header}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table></div>\n`
  );
}

function textHtml(s: Record<string, unknown>, fn: string, at: string, n: number): string {
  const head = heading(s.heading, fn, `${at}.heading`, `s${n}`);
  const paragraphs = list(s.paragraphs, fn, `${at}.paragraphs`).map((p, i) =>
    paragraph(text(p, fn, `${at}.paragraphs[${i}]`)),
  );
  return `${head}${paragraphs.join("\n")}\n`;
}

/** The page options, checked (also before a long computation, by {@link customerReport}). */
export function pageOptions(
  opts: unknown,
  fn: string,
): { title: string; subtitle: string | undefined; lang: string; theme: ReportTheme } {
  const o = readOptions<HtmlReportOptions>(opts, fn);
  const title = text(o.title, fn, "title");
  if (title.trim() === "") fail(fn, "title", "EMPTY", "must not be empty", title);
  const subtitle = optionalText(o.subtitle, fn, "subtitle");
  const lang = o.lang === undefined ? "en" : text(o.lang, fn, "lang");
  if (!LANG.test(lang)) {
    fail(fn, "lang", "INVALID_OPTION", "must be a language tag such as 'en' or 'de-CH'", lang);
  }
  const theme = option<ReportTheme>(o.theme, ["light", "dark", "auto"], "light", fn, "theme");
  return { title, subtitle, lang, theme };
}

/**
 * The HTML of a report's sections, for {@link htmlReport} and {@link customerReport} (which
 * names itself in errors).
 *
 * @internal
 */
export function renderReport(sections: unknown, opts: unknown, fn: string): string {
  const { title, subtitle, lang, theme } = pageOptions(opts, fn);
  const items = list(sections, fn, "sections");
  if (items.length === 0) fail(fn, "sections", "EMPTY", "must hold at least one section", sections);
  const body = items.map((raw, i) => {
    const at = `sections[${i}]`;
    const s = sectionRecord(raw, fn, at);
    const kind = s.kind;
    const html =
      kind === "kpis"
        ? kpisHtml(s, fn, at, i)
        : kind === "chart"
          ? chartHtml(s, fn, at, i)
          : kind === "table"
            ? tableHtml(s, fn, at, i)
            : kind === "text"
              ? textHtml(s, fn, at, i)
              : fail(
                  fn,
                  `${at}.kind`,
                  "INVALID_OPTION",
                  `must be one of "kpis", "chart", "table", "text"`,
                  kind,
                );
    const labelled = typeof s.heading === "string" ? ` aria-labelledby="s${i}"` : "";
    return `<section class="section-${kind}"${labelled}>\n${html}</section>`;
  });
  return (
    "<!DOCTYPE html>\n" +
    `<html lang="${escapeHtml(lang)}" class="theme-${theme}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
    `<meta name="color-scheme" content="${theme === "auto" ? "light dark" : theme}">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>\n${reportStyle(theme)}</style>\n</head>\n<body>\n` +
    `<header>\n<h1>${escapeHtml(title)}</h1>\n` +
    (subtitle === undefined ? "" : `<p class="subtitle">${escapeHtml(subtitle)}</p>\n`) +
    `</header>\n<main>\n${body.join("\n")}\n</main>\n</body>\n</html>\n`
  );
}

/**
 * One self-contained HTML page from typed sections: headline figures, charts, tables and
 * text, with inline CSS and SVG, no script and nothing loaded from the network.
 *
 * @remarks
 * Sections (each may carry a `heading`, an `<h2>`):
 * ```text
 * { kind: 'kpis',  items: [{ label, value, note? }] }          a definition list of figures
 * { kind: 'chart', svg, caption }                                an inline <svg> in a <figure>
 * { kind: 'table', columns: [{ label, align? }], rows, caption?, rowHeaders? }
 * { kind: 'text',  paragraphs: [string] }
 * ```
 * Every string given (title, headings, labels, cells, captions) is escaped: it is shown as
 * text, never read as HTML. A chart's SVG is placed as it is after a check: one `<svg>`
 * element with no script, no event handler attribute, no `<foreignObject>`, no link or
 * `url()` to anything but its own `#ids` (the ids get a prefix unique to the figure, so two
 * charts never share one). The page carries a Content-Security-Policy that allows no
 * request at all, a system font stack, tabular figures in tables, and print rules (no
 * figure or table row split across pages, colours printed). Tables have `<th scope="col">`
 * headers and, unless `rowHeaders: false`, a `<th scope="row">` first cell; `null` cells
 * read "–". The output depends only on the arguments: the same sections and options give
 * the same bytes (there is no clock).
 *
 * @example
 * ```ts
 * const html = htmlReport([
 *   { kind: 'kpis', heading: 'Sales', items: [{ label: 'Net revenue', value: '€1,234.50' }] },
 *   { kind: 'table', columns: [{ label: 'Segment' }, { label: 'Customers', align: 'right' }],
 *     rows: [['Champions', 12], ['At risk', 30]] },
 * ], { title: 'Leaf & Kettle, first half of 2024' })
 * html.startsWith('<!DOCTYPE html>') //=> true
 * html.includes('<title>Leaf &amp; Kettle, first half of 2024</title>') //=> true
 * ```
 * @param sections - the report's sections, in order
 * @param options - `title` (required), `subtitle`, `lang` (default `'en'`), `theme`
 *   (`'light'`, `'dark'` or `'auto'`; default `'light'`)
 * @returns the HTML document, a string
 * @throws {@link index!MetricInputError} `EMPTY` for no sections, an empty title or a table
 *   without columns; `INVALID_OPTION` for an unknown section kind (field
 *   `'sections[2].kind'`), a field of the wrong type, an unknown theme, a malformed `lang`, or
 *   a chart SVG that is not one safe `<svg>` element (field `'sections[1].svg'`);
 *   `INCONSISTENT` for a table row whose length differs from the columns
 *   (`'sections[3].rows[0]'`); `NOT_A_NUMBER` / `NOT_FINITE` for a NaN or infinite cell.
 * @see W3C, "HTML: tables, `th` and the `scope` attribute", https://html.spec.whatwg.org/multipage/tables.html
 * @category Report
 */
export function htmlReport(sections: readonly ReportSection[], options: HtmlReportOptions): string {
  return renderReport(sections, options, FN);
}
