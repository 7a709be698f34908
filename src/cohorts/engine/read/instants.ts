/**
 * Event times to epoch milliseconds, with a fast parser for the common ISO form.
 */
import { parseInstant } from "../../../_lib/time.js";
import { MAX_MS, MS_PER_DAY } from "../constants.js";
import { daysFromCivil } from "../periods.js";

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`, or NaN when not exactly that form. */
function fastIso(s: string): number {
  const len = s.length;
  if ((len !== 20 && len !== 24) || s.charCodeAt(len - 1) !== 90) return Number.NaN;
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return Number.NaN;
  let bad = 0;
  const d = (i: number) => {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) bad = 1;
    return c;
  };
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  const hour = d(11) * 10 + d(12);
  const minute = d(14) * 10 + d(15);
  const second = d(17) * 10 + d(18);
  let ms = 0;
  if (len === 24) {
    if (s.charCodeAt(19) !== 46) return Number.NaN;
    ms = d(20) * 100 + d(21) * 10 + d(22);
  }
  if (bad || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (MONTH_DAYS[month] as number))) return Number.NaN;
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    ms
  );
}

/** Read an event time to epoch ms; errors name `prefix[index].field`. */
export function readInstant(
  value: unknown,
  zone: string,
  fn: string,
  index: number,
  prefix: string,
  field: string,
): number {
  if (typeof value === "number") {
    if (value <= MAX_MS && value >= -MAX_MS) return value === 0 ? 0 : value;
  } else if (typeof value === "string") {
    const t = fastIso(value);
    if (!Number.isNaN(t)) return t;
  }
  return parseInstant(value, zone, fn, `${prefix}[${index}].${field}`);
}
