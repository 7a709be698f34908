/**
 * Number formatting of the report: exact (from Decimals, never through binary floats) and the
 * same on every host (no locale data).
 */
import { fail } from "../../_lib/assert.js";
import { Decimal } from "../../_lib/decimal.js";

/** Symbols of common currencies; any other code is written before the amount (`CHF 12.00`). */
const SYMBOLS: Readonly<Record<string, string>> = {
  USD: "$",
  EUR: "€",
  GBP: "£",
  JPY: "¥",
  CNY: "¥",
  INR: "₹",
  KRW: "₩",
  BRL: "R$",
  CAD: "CA$",
  AUD: "A$",
};

/** Currencies counted without minor units. */
const NO_MINOR = new Set(["JPY", "KRW", "CLP", "ISK", "VND"]);

/** How money is written: a prefix and a number of decimals. */
export interface MoneyFormat {
  readonly prefix: string;
  readonly places: number;
}

/** The money format of an ISO 4217 code (or none). */
export function moneyFormat(currency: unknown, fn: string): MoneyFormat {
  if (currency === undefined) return { prefix: "", places: 2 };
  if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency)) {
    fail(fn, "currency", "INVALID_OPTION", "must be an ISO 4217 code such as 'EUR'", currency);
  }
  return {
    prefix: SYMBOLS[currency] ?? `${currency} `,
    places: NO_MINOR.has(currency) ? 0 : 2,
  };
}

/** `1234567.891` → `'1,234,567.89'` (half-up, thousands grouped). */
export function grouped(value: Decimal, places: number): string {
  const fixed = value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
  const negative = fixed.startsWith("-") && /[1-9]/.test(fixed);
  const digits = fixed.replace(/^-/, "");
  const [whole = "0", fraction] = digits.split(".");
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${withCommas}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Money: `€1,234.50`, `−€3.00`. */
export function money(value: Decimal, format: MoneyFormat): string {
  const text = grouped(value, format.places);
  return text.startsWith("−") ? `−${format.prefix}${text.slice(1)}` : `${format.prefix}${text}`;
}

/** A fraction as a percentage with one decimal: `0.4567` → `'45.7%'`. */
export function percent(value: Decimal | null, places = 1): string {
  return value === null ? "–" : `${grouped(value.times(100), places)}%`;
}

/** A plain number with the given decimals. */
export function plain(value: Decimal | number, places: number): string {
  return grouped(new Decimal(value), places);
}

/** A parameter estimate: four significant digits, without exponent for ordinary sizes. */
export function significant(value: Decimal | null, digits = 4): string {
  if (value === null) return "–";
  const d = value.toSignificantDigits(digits, Decimal.ROUND_HALF_UP);
  const e = d.isZero() ? 0 : d.e;
  return e >= -4 && e < 15 ? d.toFixed(Math.max(0, digits - 1 - e)) : d.toExponential(digits - 1);
}
