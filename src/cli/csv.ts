/**
 * Reading an event log from a CSV file: a stream through `csv-parse`, each row checked and
 * turned into compact columns (string ids, epoch milliseconds in a Float64Array, amounts as
 * the exact decimal strings of the file), handed on in batches. No row object is kept, so the
 * memory is that of one batch plus whatever the consumer keeps.
 */
import { createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { parse } from "csv-parse";
import { readInstant } from "../cohorts/engine/read/instants.js";
import { isMetricInputError } from "../errors.js";
import { CliError, shown } from "./errors.js";

/** Rows per batch handed to the consumer. */
export const BATCH_ROWS = 65_536;

/** The three columns an event log needs, by header name. */
export interface ColumnMapping {
  /** Header of the customer id column (`--customer`). */
  readonly customer?: string | undefined;
  /** Header of the time column (`--at`). */
  readonly at?: string | undefined;
  /** Header of the amount column (`--revenue`). */
  readonly revenue?: string | undefined;
}

/** How the time column is written: ISO 8601 (default), or epoch milliseconds or seconds. */
export type TimeFormat = "iso" | "ms" | "s";

/** One batch of events, as columns of equal length. */
export interface EventBatch {
  readonly length: number;
  readonly customerId: string[];
  readonly at: Float64Array;
  /** Exact decimal strings; `null` for an empty cell (no revenue). `null` without a column. */
  readonly revenue: (string | null)[] | null;
}

/** What was read, once the file is done. */
export interface ReadSummary {
  /** Data rows read. */
  readonly rows: number;
  /** The header names used. */
  readonly columns: {
    readonly customer: string;
    readonly at: string;
    readonly revenue: string | null;
  };
  /** Smallest and largest event time (epoch ms); NaN without rows. */
  readonly minAt: number;
  readonly maxAt: number;
}

/** Options of {@link readEventCsv}. */
export interface ReadEventCsvOptions {
  readonly file: string;
  readonly mapping: ColumnMapping;
  readonly timeZone: string;
  readonly timeFormat: TimeFormat;
  /** Called once, after the header, with the columns picked and which were auto-detected. */
  readonly onColumns: (picked: ReadSummary["columns"], detected: readonly string[]) => void;
  /** Called for every batch (the arrays are not reused after the call). */
  readonly onBatch: (batch: EventBatch) => void;
  /** Called with the bytes read so far and the file size. */
  readonly onProgress?: ((bytes: number, total: number) => void) | undefined;
}

/** Header names recognised for each column, in order of preference (compared lower-cased). */
export const KNOWN_HEADERS = {
  customer: ["customer_id", "customer", "user_id", "client_id", "customerid", "userid"],
  at: ["ordered_at", "created_at", "date", "timestamp", "at", "time", "ts"],
  revenue: ["amount", "revenue", "total", "price", "value"],
} as const;

type Role = keyof typeof KNOWN_HEADERS;

const FLAGS: Record<Role, string> = { customer: "--customer", at: "--at", revenue: "--revenue" };

/** `[+-]digits[.digits]`: the amounts read exactly (no exponent, no thousands separator). */
const AMOUNT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
/** Whole or decimal epoch numbers. */
const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
/** Largest |epoch ms| of a Date. */
const MAX_MS = 8.64e15;

function pickColumn(
  header: readonly string[],
  role: Role,
  wanted: string | undefined,
  file: string,
): number {
  if (wanted !== undefined) {
    const i = header.indexOf(wanted);
    if (i >= 0) return i;
    const j = header.findIndex((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (j >= 0) return j;
    throw new CliError(
      `${file}:1: no column ${shown(wanted)} (${FLAGS[role]}); the header has ${header.map((h) => shown(h)).join(", ")}`,
    );
  }
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const name of KNOWN_HEADERS[role]) {
    const i = lower.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * Reads the event log of `file`, calling `onBatch` with batches of at most
 * {@link BATCH_ROWS} rows. Bad input throws {@link CliError} naming the file, the line, the
 * column and the value.
 */
export async function readEventCsv(options: ReadEventCsvOptions): Promise<ReadSummary> {
  const { file, mapping, timeZone, timeFormat, onBatch, onProgress } = options;
  const name = file;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CliError(`${name}: not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${name}: no such file`);
  }

  let idIndex = -1;
  let atIndex = -1;
  let revenueIndex = -1;
  let headerNames: string[] | null = null;
  let columns: ReadSummary["columns"] | null = null;
  let rows = 0;
  let minAt = Number.POSITIVE_INFINITY;
  let maxAt = Number.NEGATIVE_INFINITY;

  let ids: string[] = [];
  let at = new Float64Array(BATCH_ROWS);
  let revenue: (string | null)[] | null = null;
  let k = 0;

  const flush = (): void => {
    if (k === 0) return;
    const batch: EventBatch = {
      length: k,
      customerId: ids,
      at: k === BATCH_ROWS ? at : at.subarray(0, k),
      revenue,
    };
    ids = [];
    at = new Float64Array(BATCH_ROWS);
    revenue = revenueIndex >= 0 ? [] : null;
    k = 0;
    onBatch(batch);
  };

  /** A bad value in data record `record` (1 = the first row after the header). */
  const bad = (record: number, role: Role, value: string, requirement: string): RowProblem => {
    const header = headerNames as string[];
    const column = role === "customer" ? idIndex : role === "at" ? atIndex : revenueIndex;
    return new RowProblem(
      record,
      `column ${shown(header[column] as string)}: ${shown(value)} ${requirement}`,
    );
  };

  const utcDayCache = new UtcDayCache();
  // The plain-line reader reads the time column in place when the day is the remembered one.
  const direct: DirectTime = { column: -1, cache: utcDayCache, time: Number.NaN };
  const readTime = (value: string, record: number): number => {
    if (timeFormat !== "iso") {
      if (EPOCH.test(value)) {
        const n = Number(value);
        const ms = timeFormat === "s" ? Math.round(n * 1000) : Math.round(n);
        if (Math.abs(ms) <= MAX_MS) return ms === 0 ? 0 : ms;
      }
      throw bad(
        record,
        "at",
        value,
        `is not a time in epoch ${timeFormat === "s" ? "seconds" : "milliseconds"}`,
      );
    }
    const t = utcDayCache.read(value);
    if (!Number.isNaN(t)) return t;
    try {
      const instant = readInstant(value, timeZone, "customer-metrics", 0, "rows", "at");
      utcDayCache.remember(value, instant);
      return instant;
    } catch (error) {
      if (isMetricInputError(error)) {
        throw bad(record, "at", value, "is not an ISO 8601 date or date-time");
      }
      throw error;
    }
  };

  const onRecord = (record: string[]): void => {
    if (headerNames === null) {
      headerNames = record;
      idIndex = pickColumn(record, "customer", mapping.customer, name);
      atIndex = pickColumn(record, "at", mapping.at, name);
      revenueIndex = pickColumn(record, "revenue", mapping.revenue, name);
      const header = record.map((h) => shown(h)).join(", ");
      if (idIndex < 0) {
        throw new CliError(
          `${name}:1: no customer id column (name it with --customer); the header has ${header}`,
        );
      }
      if (atIndex < 0) {
        throw new CliError(
          `${name}:1: no time column (name it with --at); the header has ${header}`,
        );
      }
      columns = {
        customer: record[idIndex] as string,
        at: record[atIndex] as string,
        revenue: revenueIndex >= 0 ? (record[revenueIndex] as string) : null,
      };
      const detected: string[] = [];
      if (mapping.customer === undefined) detected.push("customer");
      if (mapping.at === undefined) detected.push("at");
      if (mapping.revenue === undefined) detected.push("revenue");
      revenue = revenueIndex >= 0 ? [] : null;
      options.onColumns(columns, detected);
      return;
    }
    const n = rows + 1;
    const id = record[idIndex] as string;
    if (id === "") throw bad(n, "customer", id, "is empty (a customer id is required)");
    const t = Number.isNaN(direct.time) ? readTime(record[atIndex] as string, n) : direct.time;
    if (t < minAt) minAt = t;
    if (t > maxAt) maxAt = t;
    ids.push(id);
    at[k] = t;
    if (revenue !== null) {
      const amount = record[revenueIndex] as string;
      if (amount === "") revenue.push(null);
      else if (AMOUNT.test(amount)) revenue.push(amount);
      else throw bad(n, "revenue", amount, "is not a decimal amount (such as 19.99 or -5)");
    }
    rows = n;
    if (++k === BATCH_ROWS) flush();
  };

  try {
    if (await hasQuotesOrReturns(file)) await parseWithCsvParse(file, onRecord, size, onProgress);
    else
      await splitPlainLines(file, onRecord, size, onProgress, direct, () => {
        const need: boolean[] = [];
        for (const i of [idIndex, atIndex, revenueIndex]) if (i >= 0) need[i] = true;
        if (timeFormat === "iso") direct.column = atIndex;
        return need;
      });
  } catch (error) {
    if (error instanceof RowProblem) {
      const line = error.line ?? (await lineOfRecord(file, error.record));
      throw new CliError(`${name}:${line}: ${error.message}`);
    }
    if (error instanceof CliError) throw error;
    const lines = (error as { lines?: unknown }).lines;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("CSV_")) {
      const where = typeof lines === "number" ? `${name}:${lines}` : name;
      throw new CliError(`${where}: ${(error as Error).message}`);
    }
    if (code === "EISDIR" || code === "EACCES") {
      throw new CliError(`${name}: cannot be read (${String(code)})`);
    }
    throw error;
  }
  if (columns === null) throw new CliError(`${name}: the file is empty (no header line)`);
  flush();
  return {
    rows,
    columns,
    minAt: rows === 0 ? Number.NaN : minAt,
    maxAt: rows === 0 ? Number.NaN : maxAt,
  };
}

/** A bad value in a data record; the line is found when the message is made. */
class RowProblem extends Error {
  /** The data record (1 = the first row after the header). */
  readonly record: number;
  /** The file's line, when the reader knows it. */
  line: number | null = null;
  constructor(record: number, message: string) {
    super(message);
    this.record = record;
  }
}

/** Bytes scanned at a time for quotes and carriage returns. */
const SCAN_BYTES = 1 << 20;

/**
 * Whether the file holds a double quote or a carriage return anywhere: then csv-parse reads
 * it (quoted fields, `\r\n` line ends); otherwise every line is a record and every comma a
 * separator, and the lines are split directly (the same records, several times faster).
 */
async function hasQuotesOrReturns(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(SCAN_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, SCAN_BYTES, null);
      if (bytesRead === 0) return false;
      const chunk = bytesRead === SCAN_BYTES ? buffer : buffer.subarray(0, bytesRead);
      if (chunk.indexOf(34) >= 0 || chunk.indexOf(13) >= 0) return true;
    }
  } finally {
    await handle.close();
  }
}

type OnRecord = (record: string[]) => void;

/**
 * The time column read in place by {@link splitPlainLines}: `time` is the epoch ms of the
 * current line's time when `cache` knew its day (the field is then left `""`), else NaN.
 */
interface DirectTime {
  /** The time column (ISO 8601 times only), or -1. */
  column: number;
  readonly cache: UtcDayCache;
  time: number;
}
type OnProgress = ((bytes: number, total: number) => void) | undefined;

/**
 * A file without quotes or carriage returns: lines split on `\n`, fields on `,`. After the
 * header, only the fields `wanted()` names are cut out of the text (the others are left `""`),
 * into one array reused for every line (`onRecord` keeps none of them); a time on the day
 * `direct.cache` remembers is read in place into `direct.time`.
 */
async function splitPlainLines(
  file: string,
  onRecord: OnRecord,
  size: number,
  onProgress: OnProgress,
  direct: DirectTime,
  wanted: () => readonly boolean[],
): Promise<void> {
  const source = createReadStream(file, { encoding: "utf8", highWaterMark: SCAN_BYTES });
  let line = 0;
  let width = -1;
  let need: readonly boolean[] = [];
  let fields: string[] = [];
  const lengthError = (count: number): Error => {
    const error = new Error(
      `Invalid Record Length: expect ${width}, got ${count} on line ${line}`,
    ) as Error & { code: string; lines: number };
    error.code = "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH";
    error.lines = line;
    return error;
  };
  /** The line text[start, end). */
  const take = (text: string, start: number, end: number): void => {
    line++;
    if (start === end) return; // empty lines are skipped, as csv-parse's skip_empty_lines does
    try {
      if (width < 0) {
        const header = text.slice(start, end).split(",");
        width = header.length;
        onRecord(header);
        need = wanted();
        fields = new Array<string>(width).fill("");
        return;
      }
      let count = 0;
      let p = start;
      direct.time = Number.NaN;
      for (;;) {
        let c = text.indexOf(",", p);
        if (c < 0 || c > end) c = end;
        if (count === direct.column) {
          direct.time = direct.cache.readIn(text, p, c);
          fields[count] = Number.isNaN(direct.time) ? text.slice(p, c) : "";
        } else if (count < width && need[count] === true) fields[count] = text.slice(p, c);
        count++;
        if (c === end) break;
        p = c + 1;
      }
      if (count !== width) throw lengthError(count);
      onRecord(fields);
    } catch (error) {
      if (error instanceof RowProblem) error.line = line;
      throw error;
    }
  };
  let carry = "";
  let first = true;
  for await (const chunk of source) {
    let text = carry + (chunk as string);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let pos = 0;
    for (;;) {
      const nl = text.indexOf("\n", pos);
      if (nl < 0) break;
      take(text, pos, nl);
      pos = nl + 1;
    }
    carry = text.slice(pos);
    onProgress?.(source.bytesRead, size);
  }
  if (carry !== "") take(carry, 0, carry.length);
}

/** Any CSV through csv-parse (quotes, `\r\n`), read record by record as it streams. */
async function parseWithCsvParse(
  file: string,
  onRecord: OnRecord,
  size: number,
  onProgress: OnProgress,
): Promise<void> {
  const source = createReadStream(file, { highWaterMark: SCAN_BYTES });
  const parser = parse({ bom: true, skip_empty_lines: true });
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown): void => {
      source.destroy();
      parser.destroy();
      reject(error);
    };
    parser.on("readable", () => {
      try {
        for (let r = parser.read() as string[] | null; r !== null; r = parser.read()) onRecord(r);
        onProgress?.(source.bytesRead, size);
      } catch (error) {
        fail(error);
      }
    });
    parser.on("end", () => resolve());
    parser.on("error", fail);
    source.on("error", fail);
    source.pipe(parser);
  });
}

/**
 * The line on which data record `record` ends (the header is record 0), found by reading the
 * file again with csv-parse: only when a message needs it.
 */
async function lineOfRecord(file: string, record: number): Promise<number> {
  let seen = -1;
  let line = 0;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    on_record: ((_r: string[], context: { lines: number }) => {
      seen++;
      if (seen === record) line = context.lines;
      return null;
    }) as never,
    to: record + 1,
  });
  const source = createReadStream(file);
  await new Promise<void>((resolve) => {
    parser.on("data", () => undefined);
    parser.on("end", () => resolve());
    parser.on("error", () => resolve());
    source.on("error", () => resolve());
    source.pipe(parser);
  });
  source.destroy();
  return line;
}

/** Value of the digit at `i` of `s`, or NaN when it is not a digit. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

/**
 * Times of the form `YYYY-MM-DDThh:mm:ssZ` on the day of the previous such time (logs come in
 * time order, many rows a day): the day's start is remembered, and only the clock is read.
 */
export class UtcDayCache {
  #prefix = "";
  #dayMs = Number.NaN;

  /** Epoch ms of `value` when it is a UTC time on the remembered day, else NaN. */
  read(value: string): number {
    return this.readIn(value, 0, value.length);
  }

  /** {@link read} of `text[start, end)`, without cutting it out. */
  readIn(text: string, start: number, end: number): number {
    const prefix = this.#prefix;
    if (end - start !== 20 || text.charCodeAt(start + 19) !== 90 || prefix.length !== 11) {
      return Number.NaN;
    }
    for (let j = 0; j < 11; j++) {
      if (text.charCodeAt(start + j) !== prefix.charCodeAt(j)) return Number.NaN;
    }
    if (text.charCodeAt(start + 13) !== 58 || text.charCodeAt(start + 16) !== 58) {
      return Number.NaN;
    }
    const h = digitAt(text, start + 11) * 10 + digitAt(text, start + 12);
    const m = digitAt(text, start + 14) * 10 + digitAt(text, start + 15);
    const sec = digitAt(text, start + 17) * 10 + digitAt(text, start + 18);
    // NaN compares false: a non-digit falls through to the full reader
    if (!(h <= 23 && m <= 59 && sec <= 59)) return Number.NaN;
    return this.#dayMs + ((h * 60 + m) * 60 + sec) * 1000;
  }

  /** Remembers the day of `value` (read as `instant`) when it has that form. */
  remember(value: string, instant: number): void {
    if (value.length === 20 && value.charCodeAt(10) === 84 && value.charCodeAt(19) === 90) {
      const day = value.slice(0, 11);
      const clock = Number(value.slice(11, 13)) * 3_600_000 + Number(value.slice(14, 16)) * 60_000;
      const start = instant - clock - Number(value.slice(17, 19)) * 1000;
      this.#prefix = day;
      this.#dayMs = start;
    }
  }
}
