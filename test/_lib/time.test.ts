import { describe, expect, it } from "vitest";
import {
  dayLabel,
  dayNumber,
  parseInstant,
  timeZoneOption,
  wallClockToInstant,
} from "../../src/_lib/time.js";
import { MetricInputError } from "../../src/errors.js";

const p = (v: unknown, tz = "UTC") => parseInstant(v, tz, "f", "at");

describe("parseInstant", () => {
  it("reads instants with Z or an offset", () => {
    expect(p("2024-03-01T00:00:00Z")).toBe(Date.UTC(2024, 2, 1));
    expect(p("2024-03-01T00:00:00+05:45", "America/Los_Angeles")).toBe(
      Date.UTC(2024, 1, 29, 18, 15),
    );
    expect(p("2024-03-01T00:00:00-0800")).toBe(Date.UTC(2024, 2, 1, 8));
    expect(p("2024-03-01T10:20:30.123Z")).toBe(Date.UTC(2024, 2, 1, 10, 20, 30, 123));
  });
  it("reads date-only strings as the start of that day in the analysis zone", () => {
    expect(p("2024-03-05")).toBe(Date.UTC(2024, 2, 5));
    expect(p("2024-03-05", "Asia/Kathmandu")).toBe(Date.UTC(2024, 2, 4, 18, 15));
    expect(p("2024-07-05", "America/Los_Angeles")).toBe(Date.UTC(2024, 6, 5, 7));
  });
  it("reads date-times without offset as wall-clock time in the zone", () => {
    expect(p("2024-01-15T09:30", "Europe/Berlin")).toBe(Date.UTC(2024, 0, 15, 8, 30));
  });
  it("moves a wall time in a spring-forward gap past the gap", () => {
    // 2024-03-10 02:30 does not exist in Los Angeles; read with the offset before (-8h).
    expect(p("2024-03-10T02:30", "America/Los_Angeles")).toBe(Date.UTC(2024, 2, 10, 10, 30));
  });
  it("takes the earlier instant of a fall-back overlap", () => {
    // 2024-11-03 01:30 happens twice in Los Angeles: first at -7h.
    expect(p("2024-11-03T01:30", "America/Los_Angeles")).toBe(Date.UTC(2024, 10, 3, 8, 30));
    expect(wallClockToInstant(Date.UTC(2024, 10, 3, 1, 30), "UTC")).toBe(
      Date.UTC(2024, 10, 3, 1, 30),
    );
  });
  it("accepts Dates and epoch milliseconds", () => {
    expect(p(new Date(Date.UTC(2020, 0, 1)))).toBe(Date.UTC(2020, 0, 1));
    expect(p(0)).toBe(0);
  });
  it.each([
    "2024-02-30",
    "2023-02-29",
    "2024-13-01",
    "2024-01-01T24:00",
    "2024-01-01T10:00+25:00",
    "yesterday",
    "",
    "2024-1-1",
  ])("rejects %j with INVALID_DATE", (value) => {
    expect(() => p(value)).toThrow(MetricInputError);
    try {
      p(value);
    } catch (error) {
      expect((error as MetricInputError).code).toBe("INVALID_DATE");
      expect((error as MetricInputError).field).toBe("at");
    }
  });
  it("rejects invalid Dates, non-finite numbers and other types", () => {
    expect(() => p(new Date(Number.NaN))).toThrow(/valid date/);
    expect(() => p(Number.POSITIVE_INFINITY)).toThrow(/valid date/);
    expect(() => p(9e15)).toThrow(/valid date/);
    expect(() => p({})).toThrow(/ISO-8601/);
  });
});

describe("time zones and days", () => {
  it("validates zone names", () => {
    expect(timeZoneOption(undefined, "f")).toBe("UTC");
    expect(timeZoneOption("Etc/UTC", "f")).toBe("UTC");
    expect(timeZoneOption("Asia/Kathmandu", "f")).toBe("Asia/Kathmandu");
    expect(() => timeZoneOption("Mars/Olympus", "f")).toThrow(/IANA time-zone/);
    expect(() => timeZoneOption(5, "f")).toThrow(MetricInputError);
  });
  it("numbers calendar days in the zone", () => {
    const t = Date.UTC(2024, 0, 31, 20);
    expect(dayLabel(dayNumber(t, "UTC"))).toBe("2024-01-31");
    expect(dayLabel(dayNumber(t, "Asia/Kathmandu"))).toBe("2024-02-01");
  });
});
