/**
 * Dense codes (0, 1, 2, … in order of first sight) of customer ids read one at a time (a
 * stream, a CSV file, a typed-event log). Strings of at most 11 code units below U+0100 (most
 * ids) and int32 numbers are packed into three int32 words, and found in an open-addressing
 * table that holds the words and the code side by side (one memory read per look-up, no
 * string compared); any other id goes through a Map. Ids are equal as `Map` keys are
 * (SameValueZero: `-0` is `0`; the number `1` is not the string `'1'`).
 */
import type { CustomerId } from "../types.js";

/** The third word of an int32 number: a length byte no string of at most 11 units has. */
const NUMBER_TAG = 0x7f000000; // 0x7f << 24 (a literal, so that bundlers drop it where unused)

/** The slot of packed words `k0, k1, k2` in a table of `mask + 1` slots. */
function slotOf(k0: number, k1: number, k2: number, mask: number): number {
  let h = Math.imul(k0 ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ k1 ^ (h >>> 15), 0xc2b2ae35);
  h = Math.imul(h ^ k2 ^ (h >>> 13), 0x27d4eb2f);
  return (h ^ (h >>> 16)) & mask;
}

export class IdCodes {
  /** Number of distinct ids seen. */
  size = 0;
  /** Four int32 per slot: the packed id, then `code + 1` (0: empty). */
  #slots = new Int32Array(4 << 10);
  #mask = (1 << 10) - 1;
  #packed = 0;
  readonly #others = new Map<unknown, number>();

  /** The code of `id` (a string or a finite number), given the next one on first sight. */
  code(id: CustomerId): number {
    let k0 = 0;
    let k1 = 0;
    let k2: number;
    if (typeof id === "number") {
      if ((id | 0) !== id) return this.#other(id);
      k0 = id | 0;
      k2 = NUMBER_TAG;
    } else {
      const len = id.length;
      if (len > 11) return this.#other(id);
      k2 = len << 24;
      for (let j = 0; j < len; j++) {
        const c = id.charCodeAt(j);
        if (c > 255) return this.#other(id);
        if (j < 4) k0 |= c << (j << 3);
        else if (j < 8) k1 |= c << ((j - 4) << 3);
        else k2 |= c << ((j - 8) << 3);
      }
    }
    const slots = this.#slots;
    const mask = this.#mask;
    for (let s = slotOf(k0, k1, k2, mask); ; s = (s + 1) & mask) {
      const p = s << 2;
      const stored = slots[p + 3] as number;
      if (stored === 0) {
        const code = this.size++;
        slots[p] = k0;
        slots[p + 1] = k1;
        slots[p + 2] = k2;
        slots[p + 3] = code + 1;
        if (++this.#packed * 2 > mask) this.#grow();
        return code;
      }
      if (slots[p] === k0 && slots[p + 1] === k1 && slots[p + 2] === k2) return stored - 1;
    }
  }

  /** The code of an id without a packed form. */
  #other(id: CustomerId): number {
    let code = this.#others.get(id);
    if (code === undefined) {
      code = this.size++;
      this.#others.set(id, code);
    }
    return code;
  }

  /** Doubles the table (kept at most half full) and places every packed id again. */
  #grow(): void {
    const old = this.#slots;
    const mask = this.#mask * 2 + 1;
    const slots = new Int32Array((mask + 1) << 2);
    for (let p = 0; p < old.length; p += 4) {
      if (old[p + 3] === 0) continue;
      const k0 = old[p] as number;
      const k1 = old[p + 1] as number;
      const k2 = old[p + 2] as number;
      let s = slotOf(k0, k1, k2, mask);
      while (slots[(s << 2) + 3] !== 0) s = (s + 1) & mask;
      const q = s << 2;
      slots[q] = k0;
      slots[q + 1] = k1;
      slots[q + 2] = k2;
      slots[q + 3] = old[p + 3] as number;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}
