/**
 * Exact pattern compression on numbers: an open-addressing hash table keyed by one, two or
 * three float64 values, with its keys in typed arrays. A key's hash mixes the bits of its
 * values; on a collision the stored values are compared exactly, so two rows share an index
 * only when their values are equal (−0 is stored as 0, as the rows' readers give it).
 */

/** The bits of one float64, read through a shared buffer. */
const bits = /* @__PURE__ */ new Float64Array(1);
const words = /* @__PURE__ */ wordsOf(bits);

/** The 32-bit words of a float64 array (a call, so that bundlers can drop it when unused). */
function wordsOf(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer);
}

/** A 32-bit hash of the value's bits, mixed into `h`. */
function mix(h: number, value: number): number {
  bits[0] = value;
  let k = Math.imul((words[0] as number) ^ Math.imul(words[1] as number, 0x9e3779b1), 0x85ebca6b);
  k ^= k >>> 15;
  const m = Math.imul(h ^ k, 0xc2b2ae35);
  return m ^ (m >>> 13);
}

/** The distinct keys seen, in order of first appearance, and the index of each. */
export class PatternTable {
  /** The distinct first values, in order of first appearance (valid up to `size`). */
  a: Float64Array;
  /** The second values (arity ≥ 2). */
  b: Float64Array;
  /** The third values (arity 3). */
  c: Float64Array;
  /** Number of distinct keys. */
  size = 0;
  private slots: Int32Array;
  private mask: number;
  private readonly arity: number;

  constructor(arity: 1 | 2 | 3, expected = 256) {
    this.arity = arity;
    let capacity = 16;
    while (capacity < 2 * expected && capacity < 1 << 30) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    const keys = Math.max(16, Math.min(expected, 1 << 20));
    this.a = new Float64Array(keys);
    this.b = new Float64Array(arity >= 2 ? keys : 0);
    this.c = new Float64Array(arity === 3 ? keys : 0);
  }

  /** The index of the key (x, y, z), added when new. */
  add(x: number, y = 0, z = 0): number {
    const arity = this.arity;
    let h = mix(0x811c9dc5, x);
    if (arity >= 2) h = mix(h, y);
    if (arity === 3) h = mix(h, z);
    const slots = this.slots;
    const mask = this.mask;
    let at = h & mask;
    for (;;) {
      const k = slots[at] as number;
      if (k < 0) break;
      if (this.a[k] === x && (arity < 2 || this.b[k] === y) && (arity < 3 || this.c[k] === z)) {
        return k;
      }
      at = (at + 1) & mask;
    }
    const k = this.size;
    if (k === this.a.length) this.growKeys();
    this.a[k] = x + 0;
    if (arity >= 2) this.b[k] = y + 0;
    if (arity === 3) this.c[k] = z + 0;
    slots[at] = k;
    this.size = k + 1;
    if (2 * this.size > slots.length) this.rehash();
    return k;
  }

  /** The first `size` values of a key column, as an array of their own. */
  values(column: "a" | "b" | "c"): Float64Array {
    return this[column].slice(0, this.size);
  }

  private growKeys(): void {
    const grow = (old: Float64Array): Float64Array => {
      if (old.length === 0) return old;
      const next = new Float64Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.a = grow(this.a);
    this.b = grow(this.b);
    this.c = grow(this.c);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    const arity = this.arity;
    for (let k = 0; k < this.size; k++) {
      let h = mix(0x811c9dc5, this.a[k] as number);
      if (arity >= 2) h = mix(h, this.b[k] as number);
      if (arity === 3) h = mix(h, this.c[k] as number);
      let at = h & mask;
      while ((slots[at] as number) >= 0) at = (at + 1) & mask;
      slots[at] = k;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A Float64Array that grows by doubling; `data` valid up to `length`. */
export class GrowingArray {
  data: Float64Array;
  length = 0;

  constructor(capacity = 256) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The values as an array of their own. */
  values(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
