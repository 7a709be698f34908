/**
 * Plain-text tables for the terminal, and CSV lines.
 */

/**
 * Aligned columns: the first `leftColumns` columns left-aligned, the others right-aligned,
 * separated by two spaces, no trailing spaces.
 */
export function textTable(rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = (widths[i] as number) - [...cell].length;
          return i < leftColumns ? cell + " ".repeat(pad) : " ".repeat(pad) + cell;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n")
    .concat("\n");
}

/** One CSV field, quoted when it holds a comma, quote or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV text of `rows` (RFC 4180 quoting, `\n` line ends). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => row.map(csvField).join(","))
    .join("\n")
    .concat("\n");
}
