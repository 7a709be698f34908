/**
 * The tunable numbers of the cohort engine, each with the reason for its value. Every other
 * module of the engine imports them from here; none defines its own.
 */

/** Milliseconds in a UTC day (a calendar day in a zone may have 23 or 25 hours); the library's own. */
export { MS_PER_DAY } from "../../_lib/time.js";

/** The ends of the Date range, ±8.64e15 ms (ECMAScript's time value limit). */
export const MAX_MS = 8.64e15;

/**
 * Hash bits that pick a customer's partition: 256 partitions keep each one's id table and
 * entries small enough for the CPU cache while a large batch is aggregated partition by
 * partition, yet few enough that a small batch does not touch hundreds of cold partitions.
 */
export const PARTITION_BITS = 8;

/** Number of partitions, 2^PARTITION_BITS. */
export const PARTITIONS = 256;

/** Right shift that turns a 32-bit id hash into its partition (the top PARTITION_BITS bits). */
export const PARTITION_SHIFT = 24;

/**
 * Rows read per chunk by the row readers (`cohortAnalysis` of an iterable, the accumulator,
 * `cohortAnalysisAsync`): 65,536 rows of three fields fit a few MiB of scratch memory, and a
 * chunk that throws has added nothing (validation precedes aggregation within a chunk).
 */
export const ROW_CHUNK = 65_536;

/**
 * Column entries aggregated per chunk by the general engine (2^21): large enough that the
 * per-partition scatter pays off, small enough that its scratch memory (about 60 bytes per
 * event) stays near 128 MiB.
 */
export const COLUMN_CHUNK = 2_097_152;

/**
 * Most periods the period masks hold (32 words of 32 bits): beyond it a customer's mask would
 * cost more than the general engine's entries for typical logs (a few active periods each).
 */
export const MASK_SPAN = 1024;

/**
 * Periods a customer's masks hold in the accumulator's compact table (one 32-bit word each for
 * "an event fell there" and "an active one did"): monthly customers of up to 32 months, the
 * common case, take no per-entry key or hash slot; a customer whose periods span more moves
 * whole to the general entries (2 to 3 times its compact size).
 */
export const MASK_PERIODS = 32;

/** Most bytes of period masks (256 MiB): beyond it the general engine's entries are smaller. */
export const MAX_MASK_BYTES = 268_435_456;

/**
 * Integer ids index the masks directly when their range is at most twice the number of events
 * plus this slack (4,096): dictionary codes then cost no hashing, and a sparse range costs at
 * most a few bytes per event of empty masks.
 */
export const DENSE_ID_SLACK = 4096;

/**
 * The most cells a cohort table may have (Σ over cohorts of the periods reported): five
 * million cells are a daily table over thirteen years of cohorts; a larger one needs gigabytes
 * and usually comes from one stray date (`'9999-12-31'`) or a distant `asOf`.
 */
export const MAX_TABLE_CELLS = 5_000_000;

/**
 * Most UTC hours whose zone offsets ZoneClock caches in a typed array (2^21 hours, about 240
 * years, 8 MiB): a wider range of instants falls back to a Map.
 */
export const MAX_CACHED_HOURS = 2_097_152;

/**
 * First size of the general engine's memory buffers (64 KiB), doubled for each new buffer up
 * to MAX_ARENA_BUFFER: a small accumulator stays small, a large one makes few buffers.
 */
export const FIRST_ARENA_BUFFER = 65_536;

/**
 * Largest buffer the arena doubles to (256 MiB): V8 starts a full garbage collection for about
 * every 64 MiB of ArrayBuffer memory allocated, so a few large buffers keep that to about one
 * collection per call, while a single buffer per allocation beyond this adds nothing.
 */
export const MAX_ARENA_BUFFER = 268_435_456;

/**
 * Extra room reserved beyond the bytes a batch is expected to need (a quarter): later regrowth
 * and the table's per-customer arrays then usually fit without another buffer (untouched pages
 * of a large buffer cost no memory).
 */
export const RESERVE_SLACK = 1.25;
