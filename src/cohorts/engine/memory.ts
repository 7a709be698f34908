/**
 * The one allocator of the engine: typed arrays carved from a few large ArrayBuffers.
 *
 * V8 starts a full garbage collection for about every 64 MB of ArrayBuffer memory allocated,
 * and a full collection has to mark everything the caller holds (10 million id strings take
 * 0.7 s to mark): one large buffer instead of thousands of small ones keeps that to about one
 * collection per call. An arena over a given buffer (the scratch memory of one call) carves
 * from it first; any arena takes a new buffer when the current one is full (a regrown array
 * leaves its old range unused).
 *
 * Scratch memory: one buffer per process is lent to the call in progress and kept weakly
 * between calls, so that repeated large calls do not allocate (and collect) it again.
 */
import { FIRST_ARENA_BUFFER, MAX_ARENA_BUFFER } from "./constants.js";

/** Typed arrays carved from large buffers, 8-byte aligned. */
export class Arena {
  private buffer: ArrayBuffer | null;
  private used = 0;
  /** Size of the next buffer taken when the current one is full (doubles to MAX_ARENA_BUFFER). */
  private nextSize = FIRST_ARENA_BUFFER;

  /** @param buffer - memory to carve from first (scratch memory), or none */
  constructor(buffer: ArrayBuffer | null = null) {
    this.buffer = buffer;
  }

  /** Make sure `bytes` more can be carved without a new buffer. */
  reserve(bytes: number): void {
    if (this.room() < bytes) this.newBuffer(bytes);
  }

  /** Carve from the start of the current buffer again (scratch memory reused per chunk). */
  reset(): void {
    this.used = 0;
  }

  /** Bytes left in the current buffer. */
  room(): number {
    return this.buffer === null ? 0 : this.buffer.byteLength - this.used;
  }

  private newBuffer(bytes: number): void {
    this.buffer = new ArrayBuffer(Math.max(bytes, this.nextSize));
    this.used = 0;
    if (this.nextSize < MAX_ARENA_BUFFER) this.nextSize *= 2;
  }

  /** Offset of `bytes` new bytes in the current buffer. */
  private take(bytes: number): number {
    const aligned = Math.ceil(bytes / 8) * 8;
    if (this.room() < aligned) this.newBuffer(aligned);
    const offset = this.used;
    this.used += aligned;
    return offset;
  }

  f64(n: number): Float64Array<ArrayBuffer> {
    const offset = this.take(8 * n);
    return new Float64Array(this.buffer as ArrayBuffer, offset, n);
  }

  i32(n: number): Int32Array<ArrayBuffer> {
    const offset = this.take(4 * n);
    return new Int32Array(this.buffer as ArrayBuffer, offset, n);
  }

  u32(n: number): Uint32Array<ArrayBuffer> {
    const offset = this.take(4 * n);
    return new Uint32Array(this.buffer as ArrayBuffer, offset, n);
  }

  u8(n: number): Uint8Array<ArrayBuffer> {
    const offset = this.take(n);
    return new Uint8Array(this.buffer as ArrayBuffer, offset, n);
  }
}

/** The scratch buffer, held weakly between calls (the collector may reclaim it). */
let pool: WeakRef<ArrayBuffer> | undefined;

/** Whether a call holds the pooled scratch buffer. */
let lent = false;

function pooledBuffer(bytes: number): ArrayBuffer {
  let buffer = pool?.deref();
  if (buffer === undefined || buffer.byteLength < bytes) {
    buffer = new ArrayBuffer(bytes);
    pool = new WeakRef(buffer);
  }
  return buffer;
}

/**
 * Run `body` with an arena over at least `bytes` of scratch memory, taken before any work
 * (`null` when the system cannot provide it: the caller then takes a path that works in
 * bounded batches). A call made while another holds the pooled buffer (from an accessor, say)
 * gets a buffer of its own, so that it never overwrites the outer call's scratch data.
 */
export function withScratch<T>(bytes: number, body: (scratch: Arena | null) => T): T {
  const own = !lent;
  let buffer: ArrayBuffer | null;
  try {
    buffer = own ? pooledBuffer(bytes) : new ArrayBuffer(bytes);
  } catch {
    buffer = null;
  }
  if (own) lent = true;
  try {
    return body(buffer === null ? null : new Arena(buffer));
  } finally {
    if (own) lent = false;
  }
}
