// Input forms of the event-log benchmark, built from the string columns of a generated log:
// column slices, async generators of rows, of row batches and of column chunks, and the split of
// the columns into shards by customer.

/** Rows per batch and per column chunk of the async forms. */
export const BATCH = 65_536;
/** Events per column chunk added to an accumulator. */
export const ACCUMULATOR_CHUNK = 1_000_000;
/** Accumulators of the sharded form. */
export const SHARDS = 4;

export type StringColumns = { customerId: string[]; at: Float64Array; revenue: string[] };
export type Row = { customerId: string; at: number; revenue: string };

export function sliceColumns(c: StringColumns, start: number, end: number): StringColumns {
  return {
    customerId: c.customerId.slice(start, end),
    at: c.at.subarray(start, end),
    revenue: c.revenue.slice(start, end),
  };
}

export async function* oneRowPerYield(c: StringColumns): AsyncGenerator<Row> {
  const n = c.customerId.length;
  for (let i = 0; i < n; i++)
    yield {
      customerId: c.customerId[i] as string,
      at: c.at[i] as number,
      revenue: c.revenue[i] as string,
    };
}

export async function* rowBatches(c: StringColumns): AsyncGenerator<Row[]> {
  const n = c.customerId.length;
  for (let start = 0; start < n; start += BATCH) {
    const end = Math.min(n, start + BATCH);
    const batch = new Array<Row>(end - start);
    for (let i = start; i < end; i++)
      batch[i - start] = {
        customerId: c.customerId[i] as string,
        at: c.at[i] as number,
        revenue: c.revenue[i] as string,
      };
    yield batch;
  }
}

export async function* columnChunks(c: StringColumns): AsyncGenerator<StringColumns> {
  const n = c.customerId.length;
  for (let start = 0; start < n; start += BATCH)
    yield sliceColumns(c, start, Math.min(n, start + BATCH));
}

/** FNV-1a of a string, for splitting customers into shards. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The columns split by customer into SHARDS parts, each in chunks of ACCUMULATOR_CHUNK. */
export function shardColumns(c: StringColumns): StringColumns[][] {
  const n = c.customerId.length;
  const part = new Uint8Array(n);
  const counts = new Array<number>(SHARDS).fill(0);
  for (let i = 0; i < n; i++) {
    const p = hash(c.customerId[i] as string) % SHARDS;
    part[i] = p;
    counts[p] = (counts[p] as number) + 1;
  }
  const whole: StringColumns[] = counts.map((m) => ({
    customerId: new Array<string>(m),
    at: new Float64Array(m),
    revenue: new Array<string>(m),
  }));
  const fill = new Array<number>(SHARDS).fill(0);
  for (let i = 0; i < n; i++) {
    const p = part[i] as number;
    const w = whole[p] as StringColumns;
    const j = fill[p] as number;
    w.customerId[j] = c.customerId[i] as string;
    w.at[j] = c.at[i] as number;
    w.revenue[j] = c.revenue[i] as string;
    fill[p] = j + 1;
  }
  return whole.map((w) => {
    const chunks: StringColumns[] = [];
    for (let s = 0; s < w.customerId.length; s += ACCUMULATOR_CHUNK)
      chunks.push(sliceColumns(w, s, Math.min(w.customerId.length, s + ACCUMULATOR_CHUNK)));
    return chunks;
  });
}

export function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const k = Math.floor(Math.random() * (i + 1));
    [order[i], order[k]] = [order[k] as number, order[i] as number];
  }
  return order;
}
