/**
 * Dense codes (0, 1, 2, … in order of first sight) of the customer ids of a stream: the ids
 * that have a packed form (strings of at most 11 Latin-1 code units, int32 numbers; see
 * `packed` in cohorts/engine/read/ids.ts) in an open-addressing table of int32 keys, compared
 * without reading the strings; any other id in a Map. Ids are equal as `Map` keys are
 * (SameValueZero: `-0` is `0`; the number `1` is not the string `'1'`).
 */
import { idHash, packed } from "../cohorts/engine/read/ids.js";
import type { CustomerId } from "../cohorts/engine/types.js";

export class IdCodes {
  /** Number of distinct ids seen. */
  size = 0;
  private readonly loose = new Map<unknown, number>();
  /** Three int32 per slot (the packed id); `code + 1` per slot in {@link codes} (0: empty). */
  private keys = new Int32Array(3 * 1024);
  private codes = new Int32Array(1024);
  /** Each slot's id hash (for {@link rehash}). */
  private hashes = new Int32Array(1024);
  private mask = 1023;
  private used = 0;

  /** The code of `id` (a string or a finite number), given on first sight. */
  code(id: CustomerId): number {
    const h = idHash(id);
    const k2 = packed[2] as number;
    if (k2 === -1) {
      let c = this.loose.get(id);
      if (c === undefined) {
        c = this.size++;
        this.loose.set(id, c);
      }
      return c;
    }
    const k0 = packed[0] as number;
    const k1 = packed[1] as number;
    const keys = this.keys;
    const codes = this.codes;
    const mask = this.mask;
    let s = h & mask;
    for (;;) {
      const c = codes[s] as number;
      if (c === 0) break;
      if (keys[3 * s] === k0 && keys[3 * s + 1] === k1 && keys[3 * s + 2] === k2) return c - 1;
      s = (s + 1) & mask;
    }
    const c = this.size++;
    keys[3 * s] = k0;
    keys[3 * s + 1] = k1;
    keys[3 * s + 2] = k2;
    codes[s] = c + 1;
    this.hashes[s] = h;
    if (++this.used * 2 > mask) this.rehash();
    return c;
  }

  /** Twice the slots (the table is kept at most half full). */
  private rehash(): void {
    const oldKeys = this.keys;
    const oldCodes = this.codes;
    const oldHashes = this.hashes;
    const cap = 2 * oldCodes.length;
    const mask = cap - 1;
    const keys = new Int32Array(3 * cap);
    const codes = new Int32Array(cap);
    const hashes = new Int32Array(cap);
    for (let o = 0; o < oldCodes.length; o++) {
      const c = oldCodes[o] as number;
      if (c === 0) continue;
      const k0 = oldKeys[3 * o] as number;
      const k1 = oldKeys[3 * o + 1] as number;
      const k2 = oldKeys[3 * o + 2] as number;
      const h = oldHashes[o] as number;
      let s = h & mask;
      while (codes[s] !== 0) s = (s + 1) & mask;
      keys[3 * s] = k0;
      keys[3 * s + 1] = k1;
      keys[3 * s + 2] = k2;
      codes[s] = c;
      hashes[s] = h;
    }
    this.keys = keys;
    this.codes = codes;
    this.hashes = hashes;
    this.mask = mask;
  }
}
