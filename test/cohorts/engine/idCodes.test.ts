import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdCodes } from "../../../src/cohorts/engine/read/idCodes.js";

/** The reference: a Map gives each id, as a Map key, the next code on first sight. */
function mapCodes(ids: readonly (string | number)[]): number[] {
  const seen = new Map<string | number, number>();
  return ids.map((id) => {
    let c = seen.get(id);
    if (c === undefined) {
      c = seen.size;
      seen.set(id, c);
    }
    return c;
  });
}

describe("IdCodes", () => {
  it("tells apart ids that pack alike and keeps Map equality", () => {
    const ids = [
      "1",
      1,
      -0,
      0,
      "0",
      "",
      2 ** 31 - 1,
      2 ** 31, // beyond int32: a Map key
      -(2 ** 31),
      1.5,
      "abcdefghijk", // 11 units, packed
      "abcdefghijkl", // 12 units, a Map key
      "\u00ff\u00ff",
      "\u0100", // beyond Latin-1, a Map key
      "a\u0000",
      "a",
    ];
    const codes = new IdCodes();
    const got = ids.map((id) => codes.code(id));
    // -0 is 0 (code 2 for both); every other id is new
    expect(got).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(codes.size).toBe(15);
    expect(ids.map((id) => codes.code(id))).toEqual(got);
  });

  it("gives the codes of a Map through many growths of its table", () => {
    const ids: (string | number)[] = [];
    for (let i = 0; i < 50_000; i++) ids.push(i % 3 === 0 ? i : `c${i % 20_000}`);
    const codes = new IdCodes();
    expect(ids.map((id) => codes.code(id))).toEqual(mapCodes(ids));
  });

  it("agrees with a Map on random ids (property)", () => {
    const id = fc.oneof(
      fc.string({ maxLength: 14 }),
      fc.string({ unit: "binary", maxLength: 4 }),
      fc.integer(),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(-0, 2 ** 31, 2 ** 53 - 1, 0.1),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const codes = new IdCodes();
        expect(ids.map((x) => codes.code(x))).toEqual(mapCodes(ids));
      }),
    );
  });
});
