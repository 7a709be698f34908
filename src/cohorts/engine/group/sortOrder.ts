/**
 * Orders without comparators for the per-customer scans: a stable radix sort on 64-bit keys,
 * the order of customer ids (`compareIds`: numbers ascending, then strings by UTF-16 code
 * units) and the order of numeric values (scores).
 */
import type { Arena } from "../memory.js";
import type { CustomerId } from "../types.js";

/** Int32 / Uint32 arrays from `scratch` when given (not zeroed), else new ones. */
function i32(n: number, scratch: Arena | null): Int32Array {
  return scratch === null ? new Int32Array(n) : scratch.i32(n);
}

function u32(n: number, scratch: Arena | null): Uint32Array {
  return scratch === null ? new Uint32Array(n) : scratch.u32(n);
}

/**
 * Radix digits of 8 bits: eight passes at most over 64-bit keys, each with 256 buckets, so
 * that the bucket counters and the write positions of one pass stay in the CPU cache (16-bit
 * digits need half the passes but scatter into 65,536 places, which is slower from a few
 * hundred thousand keys on).
 */
const DIGITS = 8;

/**
 * The positions 0…n−1 ordered by the unsigned 64-bit keys `hi[i] · 2^32 + lo[i]`, ties in
 * position order (a stable LSD radix sort; the counts of every digit are taken in one pass,
 * and passes over a digit that every key shares are skipped). The keys travel with their
 * positions from pass to pass, so that each pass reads its input in sequence (reading the
 * key of each position from `hi` / `lo` would be a cache miss per key and pass on a
 * million keys); `hi` and `lo` are not changed.
 */
export function radixOrder(
  hi: Uint32Array,
  lo: Uint32Array,
  n: number,
  scratch: Arena | null = null,
): Int32Array {
  let order = i32(n, scratch);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  const counts = new Int32Array(256 * DIGITS);
  for (let i = 0; i < n; i++) {
    const l = lo[i] as number;
    const h = hi[i] as number;
    counts[l & 0xff] = (counts[l & 0xff] as number) + 1;
    counts[256 + ((l >>> 8) & 0xff)] = (counts[256 + ((l >>> 8) & 0xff)] as number) + 1;
    counts[512 + ((l >>> 16) & 0xff)] = (counts[512 + ((l >>> 16) & 0xff)] as number) + 1;
    counts[768 + (l >>> 24)] = (counts[768 + (l >>> 24)] as number) + 1;
    counts[1024 + (h & 0xff)] = (counts[1024 + (h & 0xff)] as number) + 1;
    counts[1280 + ((h >>> 8) & 0xff)] = (counts[1280 + ((h >>> 8) & 0xff)] as number) + 1;
    counts[1536 + ((h >>> 16) & 0xff)] = (counts[1536 + ((h >>> 16) & 0xff)] as number) + 1;
    counts[1792 + (h >>> 24)] = (counts[1792 + (h >>> 24)] as number) + 1;
  }
  // A pass is needed unless every key has the digit of the first key.
  const needed: boolean[] = [];
  for (let pass = 0; pass < DIGITS; pass++) {
    const first = (((pass < 4 ? lo[0] : hi[0]) as number) >>> ((pass & 3) * 8)) & 0xff;
    needed.push(counts[256 * pass + first] !== n);
  }
  const hiNeeded = needed[4] || needed[5] || needed[6] || needed[7];
  let keyLo = u32(n, scratch);
  keyLo.set(lo.subarray(0, n));
  let keyHi = u32(hiNeeded ? n : 0, scratch);
  if (hiNeeded) keyHi.set(hi.subarray(0, n));
  let next = i32(n, scratch);
  let nextLo = u32(n, scratch);
  let nextHi = u32(hiNeeded ? n : 0, scratch);
  for (let pass = 0; pass < DIGITS; pass++) {
    if (!needed[pass]) continue;
    const low = pass < 4;
    const words = low ? keyLo : keyHi;
    const shift = (pass & 3) * 8;
    const base = 256 * pass;
    for (let d = 0, sum = 0; d < 256; d++) {
      const c = counts[base + d] as number;
      counts[base + d] = sum;
      sum += c;
    }
    // the low words move in the low passes (the later low passes read them); the high words
    // in every pass when a high pass is needed
    for (let i = 0; i < n; i++) {
      const w = words[i] as number;
      const d = base + ((w >>> shift) & 0xff);
      const to = counts[d] as number;
      counts[d] = to + 1;
      next[to] = order[i] as number;
      if (low) nextLo[to] = keyLo[i] as number;
      if (hiNeeded) nextHi[to] = keyHi[i] as number;
    }
    const moved = order;
    order = next;
    next = moved;
    if (low) {
      const k = keyLo;
      keyLo = nextLo;
      nextLo = k;
    }
    if (hiNeeded) {
      const k = keyHi;
      keyHi = nextHi;
      nextHi = k;
    }
  }
  return order;
}

/** The 32-bit words of a float64 array (a call, so that bundlers can drop it when unused). */
function wordsOf(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer);
}

/** 1 on little-endian hosts, where the high word of a float64 is the second. */
function highWord(): number {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
}

const F64 = /* @__PURE__ */ new Float64Array(1);
const U32 = /* @__PURE__ */ wordsOf(F64);
/** Index of the high word of a float64 in {@link U32} (1 on little-endian hosts). */
const HIGH = /* @__PURE__ */ highWord();

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

/**
 * Integer values spanning at most this many times their count are ordered by one counting
 * pass (days, purchase counts, totals in cents of a few customers) instead of a radix sort.
 */
const COUNTING_SPAN = 4;

/** The positions of `values` in ascending order, ties in position order. */
export function numberOrder(
  values: ArrayLike<number>,
  n: number,
  scratch: Arena | null = null,
): Int32Array {
  const counted = countingOrder(values, n, scratch);
  if (counted !== null) return counted;
  const hi = u32(n, scratch);
  const lo = u32(n, scratch);
  for (let i = 0; i < n; i++) numberKey(values[i] as number, i, hi, lo);
  return radixOrder(hi, lo, n, scratch);
}

/**
 * {@link numberOrder} by a stable counting sort when every value is an integer and their range
 * is at most COUNTING_SPAN · n + 1024 wide, else null.
 */
function countingOrder(
  values: ArrayLike<number>,
  n: number,
  scratch: Arena | null,
): Int32Array | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0 || max - min > COUNTING_SPAN * n + 1024) return null;
  const starts = i32(max - min + 2, scratch).fill(0);
  for (let i = 0; i < n; i++) {
    const at = (values[i] as number) - min + 1;
    starts[at] = (starts[at] as number) + 1;
  }
  for (let v = 1; v < starts.length; v++) {
    starts[v] = (starts[v] as number) + (starts[v - 1] as number);
  }
  const order = i32(n, scratch);
  for (let i = 0; i < n; i++) {
    const at = (values[i] as number) - min;
    const to = starts[at] as number;
    starts[at] = to + 1;
    order[to] = i;
  }
  return order;
}

/** The bytes of an int32 in reverse order, as an unsigned number. */
function byteSwap(k: number): number {
  return (((k & 0xff) << 24) | ((k & 0xff00) << 8) | ((k >>> 8) & 0xff00) | (k >>> 24)) >>> 0;
}

/**
 * The customers `0…n−1` in `compareIds` order (numbers ascending, then strings by UTF-16
 * code units). `ids[rep[g]]` is customer g's id and `packed[3g…3g+2]` its packed form (see
 * `packed` in read/ids.ts), from which most keys are made without reading the id again: an
 * int32 id is its value, a short Latin-1 string its first 8 code units, big-endian. Strings
 * are ordered by a key of their first code units (8 of them when the first 8 of every id are
 * below 256, else 4), then by a full comparison among the ids that share the key.
 */
export function idOrder(
  n: number,
  ids: ArrayLike<unknown>,
  rep: Int32Array,
  packed: Int32Array,
  scratch: Arena | null = null,
): Int32Array {
  let numbers = 0;
  let wide = false;
  for (let g = 0; g < n; g++) {
    const k2 = packed[3 * g + 2] as number;
    if (k2 === -2) numbers++;
    else if (k2 === -1) {
      const id = ids[rep[g] as number] as CustomerId;
      if (typeof id === "number") numbers++;
      else if (!wide) {
        for (let k = 0; k < 8 && k < id.length; k++) {
          if (id.charCodeAt(k) > 255) {
            wide = true;
            break;
          }
        }
      }
    }
  }
  const ns = n - numbers;
  const numberOf = i32(numbers, scratch);
  const stringOf = i32(ns, scratch);
  const numHi = u32(numbers, scratch);
  const numLo = u32(numbers, scratch);
  const strHi = u32(ns, scratch);
  const strLo = u32(ns, scratch);
  const bits = wide ? 16 : 8;
  const per = wide ? 2 : 4;
  for (let g = 0, a = 0, b = 0; g < n; g++) {
    const k2 = packed[3 * g + 2] as number;
    if (k2 === -2) {
      numberOf[a] = g;
      numberKey(packed[3 * g] as number, a++, numHi, numLo);
      continue;
    }
    if (k2 !== -1 && !wide) {
      stringOf[b] = g;
      strHi[b] = byteSwap(packed[3 * g] as number);
      strLo[b++] = byteSwap(packed[3 * g + 1] as number);
      continue;
    }
    const id = ids[rep[g] as number] as CustomerId;
    if (typeof id === "number") {
      numberOf[a] = g;
      numberKey(id, a++, numHi, numLo);
      continue;
    }
    let h = 0;
    let l = 0;
    for (let k = 0; k < per; k++) {
      h = h * 2 ** bits + (k < id.length ? id.charCodeAt(k) : 0);
      l = l * 2 ** bits + (k + per < id.length ? id.charCodeAt(k + per) : 0);
    }
    stringOf[b] = g;
    strHi[b] = h;
    strLo[b++] = l;
  }
  const out = i32(n, scratch);
  const byNumber = radixOrder(numHi, numLo, numbers, scratch);
  for (let i = 0; i < numbers; i++) out[i] = numberOf[byNumber[i] as number] as number;
  const order = radixOrder(strHi, strLo, ns, scratch);
  const text = (i: number) => ids[rep[stringOf[i] as number] as number] as string;
  // Ids sharing a key (a common prefix, or a shorter id padded with what looks like NUL)
  // are ordered by a full comparison.
  for (let a = 0; a < ns; ) {
    const first = order[a] as number;
    let b = a + 1;
    while (
      b < ns &&
      strHi[order[b] as number] === strHi[first] &&
      strLo[order[b] as number] === strLo[first]
    )
      b++;
    if (b - a > 1) {
      const tied = Array.from(order.subarray(a, b)).sort((x, y) => {
        const p = text(x);
        const q = text(y);
        return p < q ? -1 : p > q ? 1 : 0;
      });
      for (let k = 0; k < tied.length; k++) order[a + k] = tied[k] as number;
    }
    a = b;
  }
  for (let i = 0; i < ns; i++) out[numbers + i] = stringOf[order[i] as number] as number;
  return out;
}
