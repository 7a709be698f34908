import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { offsetMs } from "../../../src/_lib/time.js";
import {
  daysFromCivil,
  monthOfDay,
  periodIndex,
  periodKey,
  periodStart,
  ZoneClock,
} from "../../../src/cohorts/engine/periods.js";

describe("periods", () => {
  it("converts civil dates both ways (property, years -3000..3000)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_800_000, max: 400_000 }), (day) => {
        const d = new Date(day * 86_400_000);
        expect(monthOfDay(day)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
        expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(day);
      }),
    );
  });

  it("indexes, labels and starts periods in a zone", () => {
    const t = Date.UTC(2024, 2, 10, 12);
    expect(periodKey(periodIndex(t, "month", "UTC"), "month")).toBe("2024-03");
    expect(periodKey(periodIndex(t, "week", "America/New_York"), "week")).toBe("2024-W10");
    expect(periodKey(periodIndex(t, "week", "UTC", 0), "week", 0)).toBe("2024-03-10");
    expect(periodKey(periodIndex(t, "quarter", "UTC"), "quarter")).toBe("2024-Q1");
    expect(
      new Date(
        periodStart(periodIndex(t, "day", "Asia/Kathmandu"), "day", "Asia/Kathmandu"),
      ).toISOString(),
    ).toBe("2024-03-09T18:15:00.000Z");
    expect(periodKey(-719_529, "day")).toBe("-000001-12-31");
    expect(periodKey(12 * 10_000, "month")).toBe("+010000-01");
  });

  it("caches zone offsets per hour exactly, including half-hour transitions (Lord Howe)", () => {
    const zone = "Australia/Lord_Howe";
    const clock = new ZoneClock(zone);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2025, 0, 1) }), (t) => {
        expect(clock.local(t)).toBe(t + offsetMs(zone, t));
      }),
      { numRuns: 300 },
    );
    // The 2024-04-07 change happens at 15:00 UTC (02:00 local +11 → 01:30 +10:30).
    for (const t of [Date.UTC(2024, 3, 6, 14, 59, 59, 999), Date.UTC(2024, 3, 6, 15)]) {
      expect(clock.local(t)).toBe(t + offsetMs(zone, t));
    }
    // Far instants (beyond the typed cache window) use the fallback map.
    const far = Date.UTC(1700, 0, 1);
    expect(clock.local(far)).toBe(far + Math.round(offsetMs(zone, far)));
    expect(clock.local(far + 1)).toBe(far + 1 + Math.round(offsetMs(zone, far)));
  });
});
