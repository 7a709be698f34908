/** Pieces of SQL that several dialects write alike. */

/** `expr` in parentheses. */
export function paren(expr: string): string {
  return `(${expr})`;
}

/** ISO weekday (1 Monday … 7 Sunday) to the days since the week's start on `weekStartsOn`. */
export function daysIntoWeek(isoDayOfWeek: string, weekStartsOn: number): string {
  // isoDayOfWeek mod 7 is the 0 (Sunday) … 6 (Saturday) weekday.
  return `MOD(${isoDayOfWeek} + ${7 - weekStartsOn}, 7)`;
}
