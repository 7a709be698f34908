import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contrastRatio,
  labelColour,
  paletteColour,
  parseColour,
  relativeLuminance,
  seriesColours,
} from "../../src/charts/_svg/colour.js";
import { escapeText, hashText, px } from "../../src/charts/_svg/text.js";
import { wcagContrast, wcagLuminance } from "./_wcag.js";
import { parseXml, textOf } from "./_xml.js";

const hex = fc
  .tuple(
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
  )
  .map((c) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`);

describe("contrast", () => {
  it("gives 21:1 for black on white and 1:1 for a colour on itself", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBe(21);
    expect(contrastRatio("#35b779", "#35b779")).toBe(1);
  });

  it("matches the WCAG 2.1 worked values", () => {
    // WebAIM contrast checker (webaim.org/resources/contrastchecker): #777777 on white is 4.48:1
    // and #767676 on white 4.54:1, the lightest grey that passes AA.
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(relativeLuminance("rgb(255, 0, 0)")).toBeCloseTo(0.2126, 10);
  });

  it("agrees with the formula written out in the test for any colour", () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        expect(relativeLuminance(a)).toBeCloseTo(wcagLuminance(a), 12);
        expect(contrastRatio(a, b)).toBeCloseTo(wcagContrast(a, b), 10);
      }),
    );
  });

  it("picks a label colour with at least 4.5:1 on any background", () => {
    fc.assert(
      fc.property(hex, (background) => {
        expect(wcagContrast(background, labelColour(background))).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  it("reads #rgb and rgb() colours and rejects others", () => {
    expect(parseColour("#fa0")).toEqual([255, 170, 0]);
    expect(parseColour("rgb(1, 2, 3)")).toEqual([1, 2, 3]);
    expect(() => parseColour("red")).toThrow("unreadable colour red");
  });
});

describe("palettes", () => {
  it("run from dark to light (viridis and cividis are monotone in lightness)", () => {
    for (const palette of ["viridis", "cividis"] as const) {
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (a, b) => {
            const [lo, hi] = a < b ? [a, b] : [b, a];
            expect(relativeLuminance(paletteColour(palette, lo))).toBeLessThanOrEqual(
              relativeLuminance(paletteColour(palette, hi)) + 1e-3,
            );
          },
        ),
      );
    }
  });

  it("gives the published ends of viridis and clamps outside [0, 1]", () => {
    // matplotlib's viridis: #440154 at 0, #fde725 at 1.
    expect(paletteColour("viridis", 0)).toBe("#440154");
    expect(paletteColour("viridis", 1)).toBe("#fde725");
    expect(paletteColour("viridis", -3)).toBe("#440154");
    expect(paletteColour("viridis", Number.NaN)).toBe("#440154");
    expect(seriesColours("cividis", 3, "dark")).toHaveLength(3);
    expect(new Set(seriesColours("viridis", 5, "light")).size).toBe(5);
  });
});

describe("text", () => {
  it("escapes markup characters so any text reads back the same", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const clean = [...text]
          .map((ch) => {
            const c = ch.codePointAt(0) as number;
            return (c < 0x20 && c !== 9 && c !== 10 && c !== 13) ||
              c === 0xfffe ||
              c === 0xffff ||
              (c >= 0xd800 && c <= 0xdfff)
              ? "\uFFFD"
              : ch;
          })
          .join("");
        const doc = parseXml(`<t a="${escapeText(text)}">${escapeText(text)}</t>`);
        expect(textOf(doc)).toBe(clean);
        expect(doc.attributes.a).toBe(clean);
      }),
    );
  });

  it("writes coordinates with at most two decimals and never -0", () => {
    expect(px(-0.001)).toBe("0");
    expect(px(1 / 3)).toBe("0.33");
    expect(px(1e-7)).toBe("0");
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => {
        expect(px(v)).toMatch(/^-?\d+(\.\d{1,2})?$/);
        expect(px(v)).not.toBe("-0");
      }),
    );
  });

  it("hashes text to eight hex digits that follow the content", () => {
    expect(hashText("")).toBe("811c9dc5"); // FNV-1a 32 offset basis
    expect(hashText("a")).toBe("e40c292c"); // FNV-1a 32 of "a" (the reference test vectors)
    expect(hashText("ab")).not.toBe(hashText("ba"));
  });
});
