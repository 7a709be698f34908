import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/_lib/decimal.js";
import { ExactSums, MAX_SAFE_UNITS } from "../../../src/_lib/exactSums.js";
import { exact } from "../../../src/_lib/minor.js";

// Reference values: Python's decimal module at 100 digits, e.g.
//   python3 -c "from decimal import *; getcontext().prec=100;
//               print((Decimal(9007199254740991)*2+5)/100)"   -> 180143985094819.87
describe("ExactSums", () => {
  it("sums integer minor units and reads them in currency units", () => {
    const sums = new ExactSums(3, 2);
    sums.add(1, 1999);
    sums.add(1, -250);
    expect(sums.value(1).toString()).toBe("17.49");
    expect(sums.value(0).toString()).toBe("0");
    expect(sums.extra).toBeNull();
  });

  it("keeps a sum beyond 2^53 minor units exact", () => {
    const sums = new ExactSums(1, 2);
    sums.add(0, MAX_SAFE_UNITS);
    sums.add(0, MAX_SAFE_UNITS);
    sums.add(0, 5);
    expect(sums.value(0).toString()).toBe("180143985094819.87");
    expect(sums.unitsText(0)).toBe("18014398509481987");
  });

  it("adds an exact amount given with NaN units", () => {
    const sums = new ExactSums(1, 2);
    sums.add(0, 1999);
    sums.add(0, Number.NaN, exact(new Decimal("0.001")));
    expect(sums.value(0).toString()).toBe("19.991");
    expect(sums.unitsText(0)).toBe("1999.1");
  });

  it("adds exact unit counts of any size and other cells", () => {
    const a = new ExactSums(2, 2);
    a.addUnits(0, new Decimal("27021597764222973"));
    a.addUnits(1, new Decimal("12"));
    const b = new ExactSums(1, 2);
    b.addCell(0, a, 0);
    b.addCell(0, a, 1);
    expect(b.unitsText(0)).toBe("27021597764222985");
    expect(b.isZero(0)).toBe(false);
  });

  it("never returns -0 and reports zero cells", () => {
    const sums = new ExactSums(1, 2);
    sums.add(0, 5);
    sums.add(0, -5);
    expect(sums.isZero(0)).toBe(true);
    expect(Object.is(sums.value(0).toNumber(), -0)).toBe(false);
  });

  it("moves its cells to a larger array", () => {
    const sums = new ExactSums(1, 0);
    sums.add(0, 7);
    sums.moveTo(new Float64Array(4));
    sums.add(3, 1);
    expect([sums.value(0).toString(), sums.value(3).toString()]).toEqual(["7", "1"]);
  });
});
