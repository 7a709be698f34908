/**
 * Customer ids: validation, a 32-bit hash (to spread customers over partitions and hash
 * tables), and a packed form of short ids that compares without reading the strings again.
 */
import { fail } from "../../../_lib/assert.js";
import type { CustomerId } from "../types.js";

/** Murmur3 finaliser. */
function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * The packed form of the id last hashed by {@link hashId} / {@link idHash}: a string of at
 * most 11 code units below 256 is `[c0..c3, c4..c7, c8..c10 | length << 24]`, which compares
 * equal exactly when the strings do, without reading the strings again; an int32 number is
 * `[id, 0, -2]`; anything else has `packed[2] === -1` and is compared with `===`.
 */
export const packed = /* @__PURE__ */ new Int32Array(3);

/** FNV-1a over UTF-16 code units, finalised; also fills {@link packed}. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  const len = s.length;
  let ok = len <= 11;
  let k0 = 0;
  let k1 = 0;
  let k2 = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    if (c > 255) ok = false;
    else if (i < 4) k0 |= c << (8 * i);
    else if (i < 8) k1 |= c << (8 * (i - 4));
    else k2 |= c << (8 * (i - 8));
  }
  packed[0] = k0;
  packed[1] = k1;
  packed[2] = ok ? k2 | (len << 24) : -1;
  return fmix(h);
}

function numberHash(id: number): number {
  if ((id | 0) === id) {
    packed[0] = id;
    packed[1] = 0;
    packed[2] = -2;
    return fmix(id ^ 0x5bd1e995);
  }
  packed[2] = -1;
  if (Number.isInteger(id)) {
    return fmix((id % 4294967296) ^ Math.imul(Math.floor(id / 4294967296), 0x27d4eb2d));
  }
  const h = hashString(String(id));
  packed[2] = -1;
  return h;
}

/**
 * A 32-bit hash of a valid customer id; throws for anything that is not a string or a finite
 * number. Only used to spread customers over partitions (ids are compared exactly in Maps).
 */
export function hashId(id: unknown, fn: string, index: number, prefix: string): number {
  if (typeof id === "string") return hashString(id);
  if (typeof id === "number" && Number.isFinite(id)) return numberHash(id);
  return fail(
    fn,
    `${prefix}[${index}].customerId`,
    "NOT_A_NUMBER",
    "must be a string or a finite number",
    id,
  );
}

/** The hash {@link hashId} gives a valid id (no validation). */
export function idHash(id: CustomerId): number {
  return typeof id === "string" ? hashString(id) : numberHash(id);
}
