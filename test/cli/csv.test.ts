import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UtcDayCache } from "../../src/cli/csv.js";
import { readInstant } from "../../src/cohorts/engine/read/instants.js";

/** The library's reading of a time, or NaN where it refuses it. */
function library(value: string): number {
  try {
    return readInstant(value, "UTC", "test", 0, "rows", "at");
  } catch {
    return Number.NaN;
  }
}

describe("UtcDayCache", () => {
  it("reads the clock of a time on the remembered day, and nothing else", () => {
    const cache = new UtcDayCache();
    expect(cache.read("2024-03-05T10:00:00Z")).toBeNaN();
    cache.remember("2024-03-05T10:00:00Z", Date.UTC(2024, 2, 5, 10));
    expect(cache.read("2024-03-05T23:59:59Z")).toBe(Date.UTC(2024, 2, 5, 23, 59, 59));
    expect(cache.read("2024-03-05T00:00:00Z")).toBe(Date.UTC(2024, 2, 5));
    for (const other of [
      "2024-03-06T10:00:00Z",
      "2024-03-05T24:00:00Z",
      "2024-03-05T10:60:00Z",
      "2024-03-05T10:00:60Z",
      "2024-03-05T1a:00:00Z",
      "2024-03-05T10-00:00Z",
      "2024-03-05T10:00:00+",
      "2024-03-05T10:00:00.000Z",
      "2024-03-05",
    ]) {
      expect(cache.read(other), other).toBeNaN();
    }
  });

  it("reads a time in place inside a line, by its start and end", () => {
    const cache = new UtcDayCache();
    cache.remember("2024-03-05T10:00:00Z", Date.UTC(2024, 2, 5, 10));
    const line = "c1,2024-03-05T12:34:56Z,19.99,2024-03-06T12:34:56Z";
    expect(cache.readIn(line, 3, 23)).toBe(Date.UTC(2024, 2, 5, 12, 34, 56));
    expect(cache.readIn(line, 30, 50)).toBeNaN(); // another day
    expect(cache.readIn(line, 3, 22)).toBeNaN(); // not the whole field
    expect(cache.readIn(line, 2, 22)).toBeNaN();
  });

  it("agrees with the library's reader on any sequence of times", () => {
    const two = (n: number) => String(n).padStart(2, "0");
    const time = fc
      .tuple(
        fc.constantFrom("2024-02-28", "2024-02-29", "2024-03-05", "1999-12-31"),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom("Z", "Z", "Z", "+01:00", ""),
      )
      .map(([d, h, m, s, z]) => `${d}T${two(h)}:${two(m)}:${two(s)}${z}`);
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 30 }), (times) => {
        const cache = new UtcDayCache();
        for (const value of times) {
          const expected = library(value);
          let got = cache.read(value);
          expect(cache.readIn(`x,${value},1`, 2, 2 + value.length)).toBe(got);
          if (Number.isNaN(got)) {
            got = library(value);
            if (!Number.isNaN(got)) cache.remember(value, got);
          }
          expect(got, value).toBe(expected);
        }
      }),
    );
  });
});
