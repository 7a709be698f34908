import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, discountedLifetimeValue, round } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

/** The series term by term, as a check on the closed forms. */
function bruteForce(m: Decimal, r: Decimal, d: Decimal, periods: number, start: boolean): Decimal {
  let total = new Decimal(0);
  const first = start ? 0 : 1;
  for (let t = first; t < first + periods; t++) {
    total = total.plus(m.times(r.pow(t)).div(d.plus(1).pow(t)));
  }
  return total;
}

const example = { margin: 100, retentionRate: "0.8", discountRate: "0.1" } as const;

describe("discountedLifetimeValue", () => {
  it("uses m·r / (1 + d − r) by default, margins at the end of each period (documented example)", () => {
    // Gupta et al. (2006): m = 100, r = 0.8, i = 0.1 -> 266.667.
    const value = discountedLifetimeValue(example);
    expect(round(value, 3).toString()).toBe("266.667");
    expect(value.toString()).toBe("266.6666666666666666666666666666666666667");
  });

  it("gives ealhamed's margin multiple of 2.667 for r = 0.8, i = 0.1", () => {
    // ealhamed.github.io "The CLV Formula": multiple r / (1 + i - r) = 0.8 / 0.3.
    expect(
      round(
        discountedLifetimeValue({ margin: 1, retentionRate: 0.8, discountRate: 0.1 }),
        3,
      ).toString(),
    ).toBe("2.667");
  });

  it("adds the first margin now with timing 'start': m(1 + d) / (1 + d − r) (computed: 366.667)", () => {
    const value = discountedLifetimeValue(example, { timing: "start" });
    expect(round(value, 3).toString()).toBe("366.667");
    expect(value.minus(discountedLifetimeValue(example)).toString()).toBe("100");
  });

  it("sums a finite horizon (computed: T = 3 -> 164.087 at period ends, 225.620 at starts)", () => {
    expect(round(discountedLifetimeValue({ ...example, periods: 3 }), 3).toString()).toBe(
      "164.087",
    );
    expect(
      round(discountedLifetimeValue({ ...example, periods: 3 }, { timing: "start" }), 3).toFixed(3),
    ).toBe("225.620");
    // 100·(0.8/1.1) + 100·(0.8/1.1)^2 + 100·(0.8/1.1)^3, term by term.
    const m = new Decimal(100);
    const r = new Decimal("0.8");
    const d = new Decimal("0.1");
    expect(
      discountedLifetimeValue({ ...example, periods: 3 })
        .minus(bruteForce(m, r, d, 3, false))
        .abs()
        .lt("1e-35"),
    ).toBe(true);
  });

  it("handles edge cases: r = 0, no periods, d = 0 with r = 1 over a finite horizon, huge horizons", () => {
    expect(
      discountedLifetimeValue({ margin: 100, retentionRate: 0, discountRate: 0.1 }).toString(),
    ).toBe("0");
    expect(
      discountedLifetimeValue(
        { margin: 100, retentionRate: 0, discountRate: 0.1 },
        { timing: "start" },
      ).toString(),
    ).toBe("100");
    expect(discountedLifetimeValue({ ...example, periods: 0 }).toString()).toBe("0");
    expect(
      discountedLifetimeValue({ ...example, periods: 1 }, { timing: "start" }).toString(),
    ).toBe("100");
    expect(
      discountedLifetimeValue({
        margin: 100,
        retentionRate: 1,
        discountRate: 0,
        periods: 12,
      }).toString(),
    ).toBe("1200");
    // Retention 1 with a positive discount rate is a perpetuity: m / d.
    expect(
      discountedLifetimeValue({ margin: 100, retentionRate: 1, discountRate: "0.05" }).toString(),
    ).toBe("2000");
    // No discounting: the expected number of future margins r / (1 - r).
    expect(
      discountedLifetimeValue({ margin: 1, retentionRate: "0.75", discountRate: 0 }).toString(),
    ).toBe("3");
    expect(
      discountedLifetimeValue({ ...example, periods: Number.MAX_SAFE_INTEGER }).eq(
        discountedLifetimeValue(example),
      ),
    ).toBe(true);
  });

  it("allows a negative margin (a loss-making customer) and agrees across input kinds", () => {
    expect(discountedLifetimeValue({ ...example, margin: -100 }).toString()).toBe(
      "-266.6666666666666666666666666666666666667",
    );
    expect(
      discountedLifetimeValue({
        margin: 100n,
        retentionRate: new Decimal("0.8"),
        discountRate: 0.1,
        periods: "3",
      }).eq(discountedLifetimeValue({ ...example, periods: 3 })),
    ).toBe(true);
  });

  it("works on frozen input and options", () => {
    const input = Object.freeze({ ...example, periods: 3 });
    const options = Object.freeze({ timing: "start" as const });
    expect(round(discountedLifetimeValue(input, options), 2).toString()).toBe("225.62");
  });

  it("throws ZERO_DENOMINATOR for an infinite horizon with d = 0 and r = 1 (infinite value)", () => {
    expect(
      errorOf(() => discountedLifetimeValue({ margin: 1, retentionRate: 1, discountRate: 0 })),
    ).toBe("ZERO_DENOMINATOR discountRate");
  });

  it("throws OUT_OF_RANGE, NEGATIVE, NOT_INTEGER, INVALID_OPTION, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => discountedLifetimeValue({ ...example, retentionRate: "1.01" }))).toBe(
      "OUT_OF_RANGE retentionRate",
    );
    expect(errorOf(() => discountedLifetimeValue({ ...example, periods: 2 ** 60 }))).toBe(
      "OUT_OF_RANGE periods",
    );
    expect(errorOf(() => discountedLifetimeValue({ ...example, discountRate: "-0.1" }))).toBe(
      "NEGATIVE discountRate",
    );
    expect(errorOf(() => discountedLifetimeValue({ ...example, periods: -1 }))).toBe(
      "NEGATIVE periods",
    );
    expect(errorOf(() => discountedLifetimeValue({ ...example, periods: 2.5 }))).toBe(
      "NOT_INTEGER periods",
    );
    expect(errorOf(() => discountedLifetimeValue(example, { timing: "middle" as never }))).toBe(
      "INVALID_OPTION timing",
    );
    expect(errorOf(() => discountedLifetimeValue(example, 3 as never))).toBe(
      "INVALID_OPTION options",
    );
    expect(errorOf(() => discountedLifetimeValue({ ...example, margin: "lots" }))).toBe(
      "NOT_A_NUMBER margin",
    );
    expect(errorOf(() => discountedLifetimeValue({ ...example, margin: "1e999" }))).toBe(
      "NOT_FINITE margin",
    );
    expect(errorOf(() => discountedLifetimeValue(undefined as never))).toBe("NOT_A_NUMBER input");
  });

  const rates = fc.record({
    margin: fc.integer({ min: 0, max: 10_000 }),
    retention: fc.integer({ min: 0, max: 99 }),
    discount: fc.integer({ min: 0, max: 50 }),
  });

  it("finite sums tend to the closed form as periods grow, with tail closed·(r/(1+d))^T (property)", () => {
    fc.assert(
      fc.property(
        rates,
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        ({ margin, retention, discount }, periods, start) => {
          const r = new Decimal(retention).div(100);
          const d = new Decimal(discount).div(100);
          const input = { margin, retentionRate: r, discountRate: d };
          const timing = start ? ("start" as const) : ("end" as const);
          const closed = discountedLifetimeValue(input, { timing });
          const finite = discountedLifetimeValue({ ...input, periods }, { timing });
          const longer = discountedLifetimeValue({ ...input, periods: periods + 1 }, { timing });
          const tail = closed.times(r.div(d.plus(1)).pow(periods));
          expect(finite.lte(closed)).toBe(true);
          expect(longer.gte(finite)).toBe(true);
          expect(
            closed.minus(finite).minus(tail).abs().lte(closed.times("1e-35").plus("1e-35")),
          ).toBe(true);
          const far = discountedLifetimeValue({ ...input, periods: 100_000 }, { timing });
          expect(closed.minus(far).abs().lte(closed.times("1e-30").plus("1e-30"))).toBe(true);
        },
      ),
    );
  });

  it("finite closed form equals the series summed term by term (property)", () => {
    fc.assert(
      fc.property(
        rates,
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        ({ margin, retention, discount }, periods, start) => {
          const m = new Decimal(margin);
          const r = new Decimal(retention).div(100);
          const d = new Decimal(discount).div(100);
          const value = discountedLifetimeValue(
            { margin: m, retentionRate: r, discountRate: d, periods },
            { timing: start ? "start" : "end" },
          );
          const expected = bruteForce(m, r, d, periods, start);
          expect(value.minus(expected).abs().lte(expected.times("1e-34").plus("1e-34"))).toBe(true);
        },
      ),
    );
  });

  it("'start' exceeds 'end' by exactly one margin (property)", () => {
    fc.assert(
      fc.property(rates, ({ margin, retention, discount }) => {
        const input = {
          margin,
          retentionRate: new Decimal(retention).div(100),
          discountRate: new Decimal(discount).div(100),
        };
        const gap = discountedLifetimeValue(input, { timing: "start" }).minus(
          discountedLifetimeValue(input),
        );
        expect(gap.minus(margin).abs().lte("1e-34")).toBe(true);
      }),
    );
  });
});
