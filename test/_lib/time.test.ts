import { describe, expect, it } from "vitest";
import {
  dayLabel,
  dayNumber,
  isoInstant,
  offsetMs,
  parseInstant,
  timeZoneOption,
  wallClockToInstant,
} from "../../src/_lib/time.js";
import { MetricInputError } from "../../src/errors.js";
import { codeOf } from "../_helpers.js";

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

// Epoch milliseconds of dates in the years 0–9999, from Python's proleptic Gregorian
// calendar (year 0 = 1 BC, a leap year, starts 366 days before 0001-01-01):
//   (date(y, m, d).toordinal() - date(1970, 1, 1).toordinal()) * 86_400_000
// and the offset of Asia/Kathmandu from zoneinfo.ZoneInfo("Asia/Kathmandu").utcoffset(
// datetime(max(y, 1), 6, 15, 12, 30)) (local mean time +5:41:16 before 1920, +5:45 now).
// Columns: year, Jan 1, Dec 31, Feb 28, Jun 15 12:30 (as if UTC), Kathmandu offset.
const YEARS: readonly (readonly [number, number, number, number, number, number])[] = [
  [0, -62167219200000, -62135683200000, -62162208000000, -62152831800000, 20476000],
  [1, -62135596800000, -62104147200000, -62130585600000, -62121295800000, 20476000],
  [50, -60589296000000, -60557846400000, -60584284800000, -60574995000000, 20476000],
  [99, -59042995200000, -59011545600000, -59037984000000, -59028694200000, 20476000],
  [100, -59011459200000, -58980009600000, -59006448000000, -58997158200000, 20476000],
  [999, -30641760000000, -30610310400000, -30636748800000, -30627459000000, 20476000],
  [9999, 253370764800000, 253402214400000, 253375776000000, 253385065800000, 20700000],
];

describe("parseInstant: the years 0–9999 as written", () => {
  it("reproduces: '0050-01-01' was read as 1950", () => {
    expect(p("0050-01-01")).toBe(-60589296000000);
    expect(new Date(p("0050-01-01")).getUTCFullYear()).toBe(50);
  });
  it.each(YEARS)("reads year %i in every string form", (y, jan1, dec31, feb28, jun15, off) => {
    const yyyy = String(y).padStart(4, "0");
    expect(p(`${yyyy}-01-01`)).toBe(jan1);
    expect(p(`${yyyy}-12-31`)).toBe(dec31);
    expect(p(`${yyyy}-02-28`)).toBe(feb28);
    expect(p(`${yyyy}-06-15T12:30:00Z`)).toBe(jun15);
    expect(p(`${yyyy}-06-15T12:30:00.000z`)).toBe(jun15);
    expect(p(`${yyyy}-06-15 12:30`)).toBe(jun15);
    expect(p(`${yyyy}-06-15T12:30:00+05:45`)).toBe(jun15 - 20_700_000);
    expect(p(`${yyyy}-06-15T12:30:00-0800`)).toBe(jun15 + 28_800_000);
    expect(p(`${yyyy}-06-15T12:30`, "Asia/Kathmandu")).toBe(jun15 - off);
    expect(p(`${yyyy}-01-01`, "Asia/Kathmandu")).toBe(jan1 - off);
    expect(dayNumber(p(`${yyyy}-12-31`, "Asia/Kathmandu"), "Asia/Kathmandu")).toBe(
      dec31 / 86_400_000,
    );
    expect(dayLabel(dec31 / 86_400_000)).toBe(`${yyyy}-12-31`);
  });
  it("knows the leap days of the years 0 and 100 (0 is a leap year, 100 is not)", () => {
    // Python: date(1, 1, 1).toordinal() - 366 + 59 - date(1970, 1, 1).toordinal()
    expect(p("0000-02-29")).toBe(-62162121600000);
    expect(codeOf(() => p("0100-02-29"))).toBe("INVALID_DATE");
    expect(codeOf(() => p("2024-02-30"))).toBe("INVALID_DATE");
    expect(codeOf(() => p("2023-02-29"))).toBe("INVALID_DATE");
  });
  it("rejects leap seconds, hour 24 and out-of-range fields", () => {
    for (const s of [
      "2016-12-31T23:59:60Z",
      "2024-01-01T24:00",
      "2024-13-01",
      "2024-00-10",
      "2024-01-00",
      "2024-01-01T10:60",
      "2024-01-01T10:00+24:00",
      "+002024-01-01",
      "99-01-01",
    ]) {
      expect(codeOf(() => p(s))).toBe("INVALID_DATE");
    }
  });
});

describe("isoInstant and offsets at the ends of the Date range", () => {
  it("writes instants beyond the Date range in the expanded ISO form", () => {
    expect(isoInstant(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(isoInstant(-8.64e15)).toBe("-271821-04-20T00:00:00.000Z");
    // The start of year -271821 in UTC is 109 days before the earliest Date
    expect(isoInstant(-8.64e15 - 109 * 86_400_000)).toBe("-271821-01-01T00:00:00.000Z");
    expect(isoInstant(8.64e15 + 86_400_000 + 1)).toBe("+275760-09-14T00:00:00.001Z");
  });
  it("uses the offset at the nearest edge beyond the Date range", () => {
    const edge = offsetMs("Etc/GMT+12", -8.64e15);
    expect(edge).toBe(-12 * 3_600_000);
    expect(offsetMs("Etc/GMT+12", -8.64e15 - 86_400_000)).toBe(edge);
    expect(offsetMs("Etc/GMT-14", 8.64e15 + 86_400_000)).toBe(14 * 3_600_000);
  });
});
