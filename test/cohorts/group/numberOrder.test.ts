// The order of numeric values used to rank RFM scores: positions in ascending value order,
// ties in position order. The reference is Array.prototype.sort with a comparator (stable
// since ES2019), over the same values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberOrder, radixOrder } from "../../../src/cohorts/engine/group/sortOrder.js";
import { Arena } from "../../../src/cohorts/engine/memory.js";

function reference(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
}

const valueLists = fc.oneof(
  fc.array(fc.integer({ min: -40, max: 40 }), { maxLength: 300 }), // a counting pass
  fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 300 }), // a radix sort
  fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
    maxLength: 300,
  }),
);

describe("numberOrder", () => {
  it("orders positions by value, ties in position order, whatever the values' range", () => {
    fc.assert(
      fc.property(valueLists, fc.boolean(), (values, withScratch) => {
        const order = numberOrder(
          Float64Array.from(values),
          values.length,
          withScratch ? new Arena() : null,
        );
        expect(Array.from(order)).toEqual(reference(values.map((v) => (v === 0 ? 0 : v))));
      }),
    );
  });

  it("orders days of recency with ties by position", () => {
    expect(Array.from(numberOrder(Float64Array.from([3, -1, 3, 0, -1, 7]), 6))).toEqual([
      1, 4, 3, 0, 2, 5,
    ]);
  });
});

describe("radixOrder", () => {
  // 64-bit keys as two words; some lists share every high word or every low byte, so that
  // passes are skipped and the keys travel through the remaining ones.
  const word = fc.oneof(fc.constant(0), fc.constant(0x80000000), fc.nat({ max: 0xffffffff }));
  const keyLists = fc.oneof(
    fc.array(fc.tuple(word, word), { maxLength: 200 }),
    fc.array(fc.tuple(fc.constant(7), fc.nat({ max: 0xffffffff })), { maxLength: 200 }),
    fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 })), { maxLength: 200 }),
  );

  it("orders positions by (high, low) word, ties in position order, keys unchanged", () => {
    fc.assert(
      fc.property(keyLists, fc.boolean(), (keys, withScratch) => {
        const hi = Uint32Array.from(keys, (k) => k[0]);
        const lo = Uint32Array.from(keys, (k) => k[1]);
        const order = radixOrder(hi, lo, keys.length, withScratch ? new Arena() : null);
        const expected = keys
          .map((_, i) => i)
          .sort(
            (a, b) =>
              (hi[a] as number) - (hi[b] as number) || (lo[a] as number) - (lo[b] as number),
          );
        expect(Array.from(order)).toEqual(expected);
        expect(Array.from(hi)).toEqual(keys.map((k) => k[0]));
        expect(Array.from(lo)).toEqual(keys.map((k) => k[1]));
      }),
    );
  });
});
