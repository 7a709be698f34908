// Deterministic synthetic event log for the cohort benchmark, generated in memory.
//
// The workload model is the one of bench/reference/gen_events.py: customers acquired
// over 24 months (2023-01 .. 2024-12) with an exponentially growing curve (4x from start to end),
// geometric lifetimes from a churn mixture (60 % p=0.50, 30 % p=0.15, 10 % p=0.04, capped at 25
// activity months of 30.4375 days), Gamma(2, 0.6) purchase intensity with Poisson events per
// activity month (month 0: one acquisition event + Poisson(lambda / 2)), lognormal amounts
// (median 29, sigma 1) rounded to cents and clipped to [0.99, 500.00], ~5 % refunds, ~10 %
// activity rows with revenue 0.00, ~3 % of events moved within +-6 h of a UTC month boundary
// (5 % of those exactly on it, 5 % one second before it), events at or after
// 2025-01-01T00:00:00Z censored. Exactly N events: customers are generated until N events are
// reached and the last customer keeps its earliest events. Ids are a random permutation, rows are
// sorted by time (stable). The random stream is a seeded sfc32, so the bytes differ from
// gen_events.py's, but the distribution is the same.

/** One event log as columns, in time order. */
export interface EventLog {
  /** Number of events. */
  readonly n: number;
  /** Number of distinct customers. */
  readonly nCustomers: number;
  /** Customer of each event as a dense integer 0 .. nCustomers-1 (dictionary code). */
  readonly customerIndex: Int32Array;
  /** The dictionary: `names[customerIndex[i]]` is the id string of event i. */
  readonly names: string[];
  /** Event instant, epoch milliseconds (whole seconds). */
  readonly atMs: Float64Array;
  /** Revenue in integer cents. */
  readonly cents: Float64Array;
}

const START_S = Date.UTC(2023, 0, 1) / 1000;
const END_S = Date.UTC(2025, 0, 1) / 1000;
const SPAN_S = END_S - START_S;
const MONTH_S = 30.4375 * 86400;
const GROWTH = Math.log(4);
const MAX_LIFETIME = 25;
const P_REFUND = 0.05;
const P_ACTIVITY = 0.1;
const P_BOUNDARY = 0.03;
const BOUNDARY_WINDOW_S = 6 * 3600;
const LN29 = Math.log(29);

/** UTC month starts 2023-01 .. 2025-02 in epoch seconds. */
const MONTH_STARTS: number[] = [];
for (let m = 0; m < 26; m++) MONTH_STARTS.push(Date.UTC(2023, m, 1) / 1000);

/** sfc32: a small, fast, well-tested 32-bit generator. */
class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next32();
  }

  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in the open interval (0, 1), 53 bits. */
  uniform(): number {
    const hi = this.next32() >>> 5;
    const lo = this.next32() >>> 6;
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const th = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(th);
    return r * Math.cos(th);
  }

  /** Poisson by multiplication of uniforms (lambda is small here). */
  poisson(lambda: number): number {
    const l = Math.exp(-lambda);
    let k = 0;
    let p = this.uniform();
    while (p > l) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** Integer uniform in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }
}

function nearestBoundary(ts: number): number {
  // MONTH_STARTS[pos-1] <= ts < MONTH_STARTS[pos], pos clipped to 1 .. length-1
  let pos = 1;
  while (pos < MONTH_STARTS.length - 1 && (MONTH_STARTS[pos] as number) <= ts) pos++;
  const lo = MONTH_STARTS[pos - 1] as number;
  const hi = MONTH_STARTS[pos] as number;
  return ts - lo < hi - ts ? lo : hi;
}

/** Generates exactly `nEvents` events with the given seed. */
export function generateEvents(nEvents: number, seed = 42): EventLog {
  const rng = new Random(seed);
  const cust = new Int32Array(nEvents); // generation-order customer number
  const tsRel = new Int32Array(nEvents); // seconds since START
  const cents = new Float64Array(nEvents);
  let total = 0;
  let nGen = 0;
  // events of the current customer
  let bufTs = new Int32Array(256);
  let bufCents = new Float64Array(256);
  while (total < nEvents) {
    const u = rng.uniform();
    const x = Math.log1p(u * (Math.exp(GROWTH) - 1)) / GROWTH;
    const t0 = START_S + Math.floor(x * SPAN_S);
    const s = rng.uniform();
    const p = s < 0.6 ? 0.5 : s < 0.9 ? 0.15 : 0.04;
    const life = Math.min(
      Math.max(1, Math.ceil(Math.log(rng.uniform()) / Math.log(1 - p))),
      MAX_LIFETIME,
    );
    const lambda = -0.6 * (Math.log(rng.uniform()) + Math.log(rng.uniform()));
    let m = 0;
    for (let j = 0; j < life; j++) {
      const count = j === 0 ? 1 + rng.poisson(0.5 * lambda) : rng.poisson(lambda);
      for (let r = 0; r < count; r++) {
        const acq = j === 0 && r === 0;
        let ts = acq ? t0 : t0 + Math.floor(j * MONTH_S + rng.uniform() * MONTH_S);
        if (rng.uniform() < P_BOUNDARY) {
          const b = nearestBoundary(ts);
          const special = rng.uniform();
          const d =
            special < 0.05
              ? 0
              : special < 0.1
                ? -1
                : rng.int(-BOUNDARY_WINDOW_S, BOUNDARY_WINDOW_S);
          const nt = b + d;
          ts = nt < START_S ? b - d : nt;
        }
        const kind = rng.uniform();
        const amt = Math.min(50000, Math.max(99, Math.round(Math.exp(LN29 + rng.normal()) * 100)));
        let c: number;
        if (kind < P_ACTIVITY) c = 0;
        else if (!acq && kind < P_ACTIVITY + P_REFUND * 1.3) c = -amt;
        else c = amt;
        if (ts >= END_S) continue; // right-censoring
        if (m === bufTs.length) {
          const t2 = new Int32Array(m * 2);
          t2.set(bufTs);
          bufTs = t2;
          const c2 = new Float64Array(m * 2);
          c2.set(bufCents);
          bufCents = c2;
        }
        bufTs[m] = ts - START_S;
        bufCents[m] = c;
        m++;
      }
    }
    let keep = m;
    if (total + m > nEvents) {
      // the last customer keeps its earliest events (stable by time)
      keep = nEvents - total;
      const order = Array.from({ length: m }, (_, i) => i).sort(
        (i, k) => (bufTs[i] as number) - (bufTs[k] as number) || i - k,
      );
      const t2 = order.map((i) => bufTs[i] as number);
      const c2 = order.map((i) => bufCents[i] as number);
      bufTs.set(t2);
      bufCents.set(c2);
    }
    for (let i = 0; i < keep; i++) {
      cust[total + i] = nGen;
      tsRel[total + i] = bufTs[i] as number;
      cents[total + i] = bufCents[i] as number;
    }
    total += keep;
    nGen++;
  }

  // random permutation of the ids (Fisher-Yates)
  const perm = new Int32Array(nGen);
  for (let i = 0; i < nGen; i++) perm[i] = i;
  for (let i = nGen - 1; i > 0; i--) {
    const k = Math.floor(rng.uniform() * (i + 1));
    const t = perm[i] as number;
    perm[i] = perm[k] as number;
    perm[k] = t;
  }

  // stable LSD radix sort by time (seconds since START < 2^26: two 13-bit passes)
  const order = radixOrder(tsRel);

  // dictionary codes dense in order of first appearance; names from the permuted numbers
  const width = Math.max(6, String(nGen - 1).length);
  const code = new Int32Array(nGen).fill(-1);
  const names: string[] = [];
  const customerIndex = new Int32Array(nEvents);
  const atMs = new Float64Array(nEvents);
  const centsSorted = new Float64Array(nEvents);
  for (let i = 0; i < nEvents; i++) {
    const o = order[i] as number;
    const g = cust[o] as number;
    let c = code[g] as number;
    if (c < 0) {
      c = names.length;
      code[g] = c;
      names.push(`c${String(perm[g]).padStart(width, "0")}`);
    }
    customerIndex[i] = c;
    atMs[i] = (START_S + (tsRel[o] as number)) * 1000;
    centsSorted[i] = cents[o] as number;
  }
  return {
    n: nEvents,
    nCustomers: names.length,
    customerIndex,
    names,
    atMs,
    cents: centsSorted,
  };
}

function radixOrder(keys: Int32Array): Uint32Array {
  const n = keys.length;
  let src = new Uint32Array(n);
  let dst = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  const BITS = 13;
  const SIZE = 1 << BITS;
  for (let shift = 0; shift < 26; shift += BITS) {
    const count = new Uint32Array(SIZE + 1);
    for (let i = 0; i < n; i++) {
      const k = ((keys[i] as number) >>> shift) & (SIZE - 1);
      count[k + 1] = (count[k + 1] as number) + 1;
    }
    for (let b = 0; b < SIZE; b++) count[b + 1] = (count[b + 1] as number) + (count[b] as number);
    for (let i = 0; i < n; i++) {
      const idx = src[i] as number;
      const k = ((keys[idx] as number) >>> shift) & (SIZE - 1);
      const pos = count[k] as number;
      dst[pos] = idx;
      count[k] = pos + 1;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** Integer cents as a decimal string with exactly two decimals ("-12.05", "0.00"). */
export function centsToString(c: number): string {
  const neg = c < 0;
  const a = neg ? -c : c;
  const whole = Math.floor(a / 100);
  const frac = a - whole * 100;
  return `${neg ? "-" : ""}${whole}.${frac < 10 ? "0" : ""}${frac}`;
}

/** Per-row id strings (a distinct string object per row, as a parser would produce). */
export function idStrings(log: EventLog): string[] {
  const out = new Array<string>(log.n);
  const width = (log.names[0] as string).length - 1;
  for (let i = 0; i < log.n; i++) {
    // rebuild the string so that rows do not share one string object (and its cached hash)
    const name = log.names[log.customerIndex[i] as number] as string;
    out[i] = `c${name.slice(1).padStart(width, "0")}`;
  }
  return out;
}

/** Per-row revenue strings with two decimals. */
export function revenueStrings(log: EventLog): string[] {
  const out = new Array<string>(log.n);
  for (let i = 0; i < log.n; i++) out[i] = centsToString(log.cents[i] as number);
  return out;
}

/** Summary figures of a log, for the report. */
export function describe(log: EventLog): {
  refunds: number;
  activity: number;
  onBoundary: number;
} {
  let refunds = 0;
  let activity = 0;
  let onBoundary = 0;
  for (let i = 0; i < log.n; i++) {
    const c = log.cents[i] as number;
    if (c < 0) refunds++;
    else if (c === 0) activity++;
    const d = new Date(log.atMs[i] as number);
    if (d.getUTCDate() === 1 && log.atMs[i] === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
      onBoundary++;
  }
  return { refunds: refunds / log.n, activity: activity / log.n, onBoundary };
}
