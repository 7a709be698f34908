/**
 * Orders without comparators for the per-customer scans: a stable radix sort on 64-bit keys,
 * the order of customer ids (`compareIds`: numbers ascending, then strings by UTF-16 code
 * units) and the order of numeric values (scores).
 */
import type { CustomerId } from "../types.js";

/** Radix digits of 16 bits: four passes at most over 64-bit keys. */
const DIGIT = 65_536;

/**
 * The positions 0…n−1 ordered by the unsigned 64-bit keys `hi[i] · 2^32 + lo[i]`, ties in
 * position order (a stable LSD radix sort; passes over a digit that every key shares are
 * skipped).
 */
export function radixOrder(hi: Uint32Array, lo: Uint32Array, n: number): Int32Array {
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const counts = new Int32Array(DIGIT);
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((words[i] as number) >>> shift) & 0xffff;
      counts[d] = (counts[d] as number) + 1;
    }
    if (n === 0 || counts[((words[0] as number) >>> shift) & 0xffff] === n) continue;
    for (let d = 0, sum = 0; d < DIGIT; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = order[i] as number;
      const d = ((words[at] as number) >>> shift) & 0xffff;
      const to = counts[d] as number;
      counts[d] = to + 1;
      next[to] = at;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}

const F64 = /* @__PURE__ */ new Float64Array(1);
const U32 = /* @__PURE__ */ new Uint32Array(F64.buffer);
/** Index of the high word of a float64 in {@link U32} (1 on little-endian hosts). */
const HIGH = /* @__PURE__ */ new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Write the order-preserving 64-bit key of a finite number (its IEEE bits with the sign bit
 * flipped, or all bits flipped when negative) at position i; -0 is written as 0.
 */
export function numberKey(x: number, i: number, hi: Uint32Array, lo: Uint32Array): void {
  F64[0] = x === 0 ? 0 : x;
  const h = U32[HIGH] as number;
  const l = U32[1 - HIGH] as number;
  if (h >>> 31 === 1) {
    hi[i] = ~h >>> 0;
    lo[i] = ~l >>> 0;
  } else {
    hi[i] = (h | 0x80000000) >>> 0;
    lo[i] = l;
  }
}

/** The positions of `values` in ascending order, ties in position order. */
export function numberOrder(values: ArrayLike<number>, n: number): Int32Array {
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) numberKey(values[i] as number, i, hi, lo);
  return radixOrder(hi, lo, n);
}

/**
 * The customers `0…n−1` (ids `idOf(g)`) in `compareIds` order: numbers by their value,
 * strings by a key of their first code units (8 of them when the first 8 of every id are
 * below 256, else 4), then by a full comparison among the ids that share the key.
 */
export function idOrder(n: number, idOf: (g: number) => CustomerId): Int32Array {
  const numbers: number[] = [];
  const strings: number[] = [];
  let wide = false;
  for (let g = 0; g < n; g++) {
    const id = idOf(g);
    if (typeof id === "number") numbers.push(g);
    else {
      strings.push(g);
      if (!wide) {
        for (let k = 0; k < 8 && k < id.length; k++) {
          if (id.charCodeAt(k) > 255) {
            wide = true;
            break;
          }
        }
      }
    }
  }
  const out = new Int32Array(n);
  const nn = numbers.length;
  if (nn > 0) {
    const hi = new Uint32Array(nn);
    const lo = new Uint32Array(nn);
    for (let i = 0; i < nn; i++) numberKey(idOf(numbers[i] as number) as number, i, hi, lo);
    const order = radixOrder(hi, lo, nn);
    for (let i = 0; i < nn; i++) out[i] = numbers[order[i] as number] as number;
  }
  const ns = strings.length;
  if (ns > 0) {
    const hi = new Uint32Array(ns);
    const lo = new Uint32Array(ns);
    const bits = wide ? 16 : 8;
    const per = wide ? 2 : 4;
    for (let i = 0; i < ns; i++) {
      const s = idOf(strings[i] as number) as string;
      let h = 0;
      let l = 0;
      for (let k = 0; k < per; k++) {
        h = h * 2 ** bits + (k < s.length ? s.charCodeAt(k) : 0);
        l = l * 2 ** bits + (k + per < s.length ? s.charCodeAt(k + per) : 0);
      }
      hi[i] = h;
      lo[i] = l;
    }
    const order = radixOrder(hi, lo, ns);
    // Ids sharing a key (a common prefix, or a shorter id padded with what looks like NUL)
    // are ordered by a full comparison.
    for (let a = 0; a < ns; ) {
      const first = order[a] as number;
      let b = a + 1;
      while (b < ns && hi[order[b] as number] === hi[first] && lo[order[b] as number] === lo[first])
        b++;
      if (b - a > 1) {
        const tied = Array.from(order.subarray(a, b)).sort((x, y) => {
          const p = idOf(strings[x] as number) as string;
          const q = idOf(strings[y] as number) as string;
          return p < q ? -1 : p > q ? 1 : 0;
        });
        for (let k = 0; k < tied.length; k++) order[a + k] = tied[k] as number;
      }
      a = b;
    }
    for (let i = 0; i < ns; i++) out[nn + i] = strings[order[i] as number] as number;
  }
  return out;
}
