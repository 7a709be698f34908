/**
 * The report's CSS: a system font stack (nothing to download), tabular figures, light and
 * dark colours, print rules.
 */
import type { ReportTheme } from "./types.js";

const LIGHT =
  "--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--rule:#d0d7de;--panel:#f6f8fa;--accent:#1f4e79;";
const DARK =
  "--bg:#111827;--fg:#f3f4f6;--muted:#9ca3af;--rule:#374151;--panel:#1f2937;--accent:#93c5fd;";

/**
 * The style sheet of a report in the given theme (the dark page has the dark charts'
 * background, so a chart sits on the page without a frame).
 */
export function reportStyle(theme: ReportTheme): string {
  const colours =
    theme === "auto"
      ? `:root{${LIGHT}}\n@media (prefers-color-scheme: dark){:root{${DARK}}}\n`
      : `:root{${theme === "dark" ? DARK : LIGHT}}\n`;
  return `${colours}*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:1100px;padding:24px 20px 48px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.75rem;margin:0 0 4px}
h2{font-size:1.25rem;margin:32px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--rule)}
.subtitle{color:var(--muted);margin:0 0 8px}
p{max-width:75ch}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px;margin:0}
.kpi{background:var(--panel);border:1px solid var(--rule);border-radius:6px;padding:10px 12px}
.kpi dt{color:var(--muted);font-size:.85rem}
.kpi dd{margin:0}
.kpi .value{font-size:1.35rem;font-weight:600;font-variant-numeric:tabular-nums}
.kpi .note{color:var(--muted);font-size:.8rem}
figure{margin:0 0 16px}
figure svg{display:block;max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:.9rem;margin-top:6px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:0 0 16px}
caption{text-align:left;color:var(--muted);font-size:.9rem;padding-bottom:6px}
th,td{padding:4px 10px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--rule);font-weight:600}
tbody th{font-weight:500;white-space:nowrap}
.num{text-align:right;white-space:nowrap}
.none{color:var(--muted)}
@media print{
:root{${LIGHT}}
html{background:#fff;color:#000}
body{max-width:none;padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
figure,tr,.kpi{break-inside:avoid}
h2{break-after:avoid}
.table-wrap{overflow:visible}
}
`;
}
