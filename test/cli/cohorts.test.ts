import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BATCH_ROWS } from "../../src/cli/csv.js";
import { cohortAnalysis, Decimal } from "../../src/index.js";
import { run, SAMPLE, sampleRows, tempDir } from "./_run.js";

// Monthly cohorts of examples/data/shop-orders.csv computed with Python's standard library
// (csv + decimal, no code of this package): a row with amount < 0 is a refund, never active;
// a customer's cohort is the month of their first non-refund row; revenue[k] sums every row of
// the cohort's customers in month k. Command, from the repository root:
//   python3 test/cli/reference/shop_orders_cohorts.py
// [key, size, active[k], revenue[k]]
const PYTHON_REFERENCE: [string, number, number[], string[]][] = [
  [
    "2024-01",
    60,
    [60, 14, 14, 9, 7, 5],
    ["2343.73", "630.11", "658.67", "350.24", "275.97", "204.48"],
  ],
  ["2024-02", 72, [72, 32, 25, 17, 12], ["2942.58", "1214.01", "876.74", "627.41", "470.38"]],
  ["2024-03", 84, [84, 25, 30, 14], ["3153.66", "865.89", "988.09", "353.88"]],
  ["2024-04", 96, [96, 33, 27], ["3519.62", "1323.17", "1034.48"]],
  ["2024-05", 108, [108, 48], ["4091.76", "1592.23"]],
  ["2024-06", 120, [120], ["4312.88"]],
];

const SAMPLE_TABLE = `cohort   size      M0     M1     M2     M3     M4    M5
2024-01    60  100.0%  23.3%  23.3%  15.0%  11.7%  8.3%
2024-02    72  100.0%  44.4%  34.7%  23.6%  16.7%
2024-03    84  100.0%  29.8%  35.7%  16.7%
2024-04    96  100.0%  34.4%  28.1%
2024-05   108  100.0%  44.4%
2024-06   120  100.0%
all       540  100.0%  36.2%  30.8%  18.5%  14.4%  8.3%
`;

const tmp = tempDir();
afterAll(() => tmp.remove());

describe("customer-metrics cohorts", () => {
  it("prints the sample's retention table with no flags, percentages aligned", async () => {
    const r = await run(["cohorts", SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(SAMPLE_TABLE);
  });

  it("says on one stderr line which columns it picked from the header", async () => {
    const r = await run(["cohorts", SAMPLE]);
    expect(r.stderr).toBe(
      "customer-metrics: examples/data/shop-orders.csv: columns customer = customer_id, at = ordered_at, revenue = amount (detected from the header; set with --customer, --at, --revenue)\n",
    );
  });

  it("prints no information line with --quiet, and none when every column is named", async () => {
    expect((await run(["cohorts", SAMPLE, "--quiet"])).stderr).toBe("");
    const named = await run([
      "cohorts",
      SAMPLE,
      "--customer",
      "customer_id",
      "--at",
      "ordered_at",
      "--revenue",
      "amount",
    ]);
    expect(named.stderr).toBe("");
    expect(named.stdout).toBe(SAMPLE_TABLE);
  });

  it("gives the counts of an independent Python computation, as exact fractions in csv", async () => {
    const r = await run(["cohorts", SAMPLE, "--format", "csv", "-q"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("cohort,start,size,M0,M1,M2,M3,M4,M5");
    PYTHON_REFERENCE.forEach(([key, size, active], i) => {
      const cells = (lines[i + 1] as string).split(",");
      expect(cells.slice(0, 3)).toEqual([key, `${key}-01T00:00:00.000Z`, String(size)]);
      const rates = cells.slice(3).filter((c) => c !== "");
      expect(rates).toEqual(active.map((a) => new Decimal(a).div(size).toFixed()));
    });
    const total = PYTHON_REFERENCE.reduce((s, [, size]) => s + size, 0);
    const last = (lines[7] as string).split(",");
    expect(last.slice(0, 3)).toEqual(["all", "", String(total)]);
    // pooled month 1: Σ retained / Σ sizes of the cohorts that have a month 1
    expect(last[4]).toBe(
      new Decimal(14 + 32 + 25 + 33 + 48).div(60 + 72 + 84 + 96 + 108).toFixed(),
    );
  });

  it("gives in json exactly the retention of cohortAnalysis on the same rows", async () => {
    const r = await run(["cohorts", SAMPLE, "--format", "json", "-q"]);
    const doc = JSON.parse(r.stdout);
    const table = cohortAnalysis(sampleRows(), { period: "month" });
    const expected = table.retention();
    expect(doc.table).toBe("retention");
    expect(doc.mode).toBe("classic");
    expect(doc.period).toBe("month");
    expect(doc.timeZone).toBe("UTC");
    expect(doc.asOf).toBeNull();
    expect(doc.cohorts.map((c: { key: string }) => c.key)).toEqual(
      expected.cohorts.map((c) => c.key),
    );
    expect(doc.cohorts.map((c: { rates: unknown }) => c.rates)).toEqual(
      expected.cohorts.map((c) => c.rates.map((x) => (x === null ? null : x.toFixed()))),
    );
    expect(doc.average).toEqual(expected.average.map((x) => (x === null ? null : x.toFixed())));
  });

  it("prints the lifetime-value table with --ltv: cumulative revenue per customer", async () => {
    const r = await run(["cohorts", SAMPLE, "--ltv", "--format", "json", "-q"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.table).toBe("lifetimeValue");
    PYTHON_REFERENCE.forEach(([key, size, , revenue], i) => {
      const c = doc.cohorts[i];
      expect(c.key).toBe(key);
      let sum = new Decimal(0);
      const values = revenue.map((v) => {
        sum = sum.plus(v);
        return sum.div(size).toFixed();
      });
      // rows have the width of the oldest cohort; cells beyond a cohort's data are null
      expect(c.values).toEqual([...values, ...Array(6 - values.length).fill(null)]);
    });
  });

  it("formats --ltv in the terminal with a currency, rounded to cents", async () => {
    const r = await run(["cohorts", SAMPLE, "--ltv", "--period", "quarter", "--currency", "usd"]);
    // Q1 cohort (Jan–Mar customers: 216), Q0 revenue = Σ of the Python cells in Q1 / 216
    expect(r.stdout).toBe(`cohort   size      Q0      Q1
2024-Q1   216  $50.66  $73.87
2024-Q2   324  $48.99
all       540  $49.66  $73.87
`);
    const q1 = ["2343.73", "630.11", "658.67", "2942.58", "1214.01", "3153.66"].reduce(
      (s, v) => s.plus(v),
      new Decimal(0),
    );
    expect(q1.div(216).toFixed(2)).toBe("50.66");
  });

  it("prints the lifetime value table as csv with exact values", async () => {
    const r = await run(["cohorts", SAMPLE, "--ltv", "--format", "csv", "-q", "--period", "year"]);
    const all = PYTHON_REFERENCE.flatMap(([, , , revenue]) => revenue).reduce(
      (s, v) => s.plus(v),
      new Decimal(0),
    );
    expect(r.stdout).toBe(
      `cohort,start,size,Y0\n2024,2024-01-01T00:00:00.000Z,540,${all.div(540).toFixed()}\nall,,540,${all.div(540).toFixed()}\n`,
    );
  });

  it("leaves the periods not complete by --as-of blank and out of the average", async () => {
    const r = await run(["cohorts", SAMPLE, "--as-of", "2024-06-15", "--format", "json", "-q"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.asOf).toBe("2024-06-16T00:00:00.000Z");
    expect(doc.cohorts[5]).toMatchObject({ key: "2024-06", rates: Array(6).fill(null) });
    expect(doc.cohorts[0].rates[5]).toBeNull();
    const table = cohortAnalysis(sampleRows(), { asOf: "2024-06-15" });
    expect(doc.average).toEqual(table.retention().average.map((x) => x?.toFixed() ?? null));
    const text = await run(["cohorts", SAMPLE, "--as-of", "2024-06-15", "-q"]);
    // 53 customers first bought on 1–15 June (Python: the rows before 2024-06-16, refunds left out)
    expect(text.stdout.split("\n")[6]).toBe("2024-06    53");
  });

  it("takes --period, --tz and --mode unbounded as cohortAnalysis does", async () => {
    const r = await run([
      "cohorts",
      SAMPLE,
      "--period",
      "week",
      "--tz",
      "America/Los_Angeles",
      "--mode",
      "unbounded",
      "--format",
      "json",
      "-q",
    ]);
    const doc = JSON.parse(r.stdout);
    const expected = cohortAnalysis(sampleRows(), {
      period: "week",
      timeZone: "America/Los_Angeles",
    }).retention({ mode: "unbounded" });
    expect(doc.mode).toBe("unbounded");
    expect(doc.cohorts[0].key).toBe(expected.cohorts[0]?.key);
    expect(doc.cohorts.map((c: { rates: unknown }) => c.rates)).toEqual(
      expected.cohorts.map((c) => c.rates.map((x) => x?.toFixed() ?? null)),
    );
  });

  it("takes --brackets and --active", async () => {
    const r = await run(["cohorts", SAMPLE, "--brackets", "1-2,3-5", "--active", "rows", "-q"]);
    const expected = cohortAnalysis(sampleRows(), { active: "rows" }).retention({
      mode: {
        brackets: [
          [1, 2],
          [3, 5],
        ],
      },
    });
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("cohort   size    1-2    3-5");
    expect(lines[1]).toBe(
      `2024-01    ${expected.cohorts[0]?.size}  ${expected.cohorts[0]?.rates.map((x) => `${x?.times(100).toFixed(1)}%`).join("  ")}`,
    );
  });

  it("reads epoch seconds and milliseconds with --epoch, and other column names by flag", async () => {
    const rows = sampleRows();
    const s = rows.map((x) => `${x.customerId};${Date.parse(x.at) / 1000};${x.revenue}`);
    const ms = rows.map((x) => `${Date.parse(x.at)},"${x.customerId}",${x.revenue}`);
    const fs = tmp.file("seconds.csv", `who;when;paid\n${s.join("\n")}\n`.replaceAll(";", ","));
    const fms = tmp.file("ms.csv", `when_ms,buyer,paid\n${ms.join("\n")}\n`);
    const a = await run([
      "cohorts",
      fs,
      "--customer",
      "who",
      "--at",
      "when",
      "--revenue",
      "paid",
      "--epoch",
      "s",
    ]);
    const b = await run([
      "cohorts",
      fms,
      "--customer",
      "buyer",
      "--at",
      "when_ms",
      "--epoch",
      "ms",
      "-q",
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(SAMPLE_TABLE);
    expect(a.stderr).toBe("");
    // no amount column: every row that is a purchase or activity counts, refunds included
    expect(b.stdout).toBe((await run(["cohorts", SAMPLE, "--active", "rows", "-q"])).stdout);
  });

  it("detects user_id / created_at / total and reads date-only times in --tz", async () => {
    const f = tmp.file(
      "alt.csv",
      "user_id,created_at,total\nu1,2024-01-31,10\nu2,2024-01-31T23:30:00-08:00,5\nu1,2024-02-01,3.50\n",
    );
    const r = await run(["cohorts", f, "--format", "csv", "--tz", "Asia/Tokyo"]);
    expect(r.stderr).toContain("columns customer = user_id, at = created_at, revenue = total");
    // u2's time is 2024-02-01 16:30 in Tokyo: the February cohort
    expect(r.stdout).toBe(
      "cohort,start,size,M0,M1\n2024-01,2023-12-31T15:00:00.000Z,1,1,1\n2024-02,2024-01-31T15:00:00.000Z,1,1,\nall,,2,1,1\n",
    );
  });

  it("reads CRLF line ends, a byte-order mark and blank lines as plain files", async () => {
    const text = readFileSync(SAMPLE, "utf8");
    const crlf = tmp.file("crlf.csv", `\ufeff${text.replaceAll("\n", "\r\n")}`);
    const blank = tmp.file(
      "blank.csv",
      `\ufeff${text.replace("\n", "\n\n").replaceAll("Z\n", "Z\n\n")}`,
    );
    const noEnd = tmp.file("no-end.csv", text.trimEnd());
    for (const f of [crlf, blank, noEnd]) {
      const r = await run(["cohorts", f, "-q"]);
      expect(r.code, f).toBe(0);
      expect(r.stdout, f).toBe(SAMPLE_TABLE);
    }
  });

  it("reads quoted fields with commas, quotes and line breaks in ids", async () => {
    const f = tmp.file(
      "quoted.csv",
      'customer_id,ordered_at,amount\n"Smith, J.",2024-01-05,1\n"say ""hi""",2024-01-06,2\n"two\nlines",2024-02-01,3\n"Smith, J.",2024-02-09,4\n',
    );
    const r = await run(["cohorts", f, "--format", "json", "-q"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.cohorts.map((c: { key: string; size: number }) => [c.key, c.size])).toEqual([
      ["2024-01", 2],
      ["2024-02", 1],
    ]);
    expect(doc.cohorts[0].rates).toEqual(["1", "0.5"]);
  });

  it("gives the same table when the file spans several batches", async () => {
    const n = BATCH_ROWS + 1234;
    const lines = ["customer_id,ordered_at,amount"];
    for (let i = 0; i < n; i++) {
      const day = 1 + (i % 28);
      const month = 1 + ((i * 7) % 6);
      lines.push(
        `c${(i * 7919) % 5003},2024-0${month}-${String(day).padStart(2, "0")}T10:00:00Z,${(i % 97) - 3}.25`,
      );
    }
    const f = tmp.file("big.csv", `${lines.join("\n")}\n`);
    const r = await run(["cohorts", f, "--format", "json", "--ltv", "-q"]);
    const rows = lines.slice(1).map((l) => {
      const [customerId, at, revenue] = l.split(",");
      return { customerId, at, revenue };
    });
    const expected = cohortAnalysis(rows as { customerId: string; at: string; revenue: string }[]);
    const doc = JSON.parse(r.stdout);
    expect(doc.cohorts.map((c: { values: unknown }) => c.values)).toEqual(
      expected.lifetimeValue().cohorts.map((c) => c.values.map((x) => x?.toFixed() ?? null)),
    );
  });

  it("keeps amounts exact beyond two decimals, and falls back past six (as with --stream)", async () => {
    // Lifetime value by hand (Python's decimal, no code of this package):
    //   python3 -c "from decimal import Decimal as D; j=D('19.995')+D('0.1234567');
    //     print(j/2, (j+D('1.1')-D('0.5'))/2)"
    // January cohort {a, b}: M0 (19.995 + 0.1234567) / 2 = 10.05922835,
    // M1 adds a's 1.1 and b's refund -0.5: 10.35922835; February cohort {c}: no revenue, 0.
    const f = tmp.file(
      "decimals.csv",
      "customer_id,ordered_at,amount\na,2024-01-05,19.995\nb,2024-01-20,0.1234567\na,2024-02-03,1.1\nc,2024-02-10,\nb,2024-02-11,-0.5\n",
    );
    const r = await run(["cohorts", f, "--format", "json", "--ltv", "-q"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.cohorts.map((c: { values: unknown }) => c.values)).toEqual([
      ["10.05922835", "10.35922835"],
      ["0", null], // rows have the width of the oldest cohort
    ]);
    const stream = await run(["cohorts", f, "--format", "json", "--ltv", "-q", "--stream"]);
    expect(stream.stdout).toBe(r.stdout);
    // three decimals at most: held as integer thousandths, the same table
    const g = tmp.file(
      "thousandths.csv",
      "customer_id,ordered_at,amount\na,2024-01-05,19.995\nb,2024-01-20,0.5\na,2024-02-03,1.1\n",
    );
    const t = JSON.parse((await run(["cohorts", g, "--format", "json", "--ltv", "-q"])).stdout);
    expect(t.cohorts[0].values).toEqual(["10.2475", "10.7975"]); // (19.995 + 0.5) / 2, + 1.1 / 2
  });

  it("falls back to the accumulator in a later batch and still equals cohortAnalysis", async () => {
    const n = BATCH_ROWS + 500;
    const lines = ["customer_id,ordered_at,amount"];
    for (let i = 0; i < n; i++) {
      const amount = i === n - 7 ? "0.0000001" : i % 11 === 0 ? "" : `${(i % 89) - 5}.${i % 10}`;
      lines.push(`u${(i * 7919) % 4001},2024-0${1 + (i % 5)}-1${i % 10}T08:30:00Z,${amount}`);
    }
    const f = tmp.file("late.csv", `${lines.join("\n")}\n`);
    const r = await run(["cohorts", f, "--format", "json", "--ltv", "-q"]);
    const rows = lines.slice(1).map((l) => {
      const [customerId, at, revenue] = l.split(",") as [string, string, string];
      return { customerId, at, revenue: revenue === "" ? null : revenue };
    });
    const expected = cohortAnalysis(rows).lifetimeValue();
    const doc = JSON.parse(r.stdout);
    expect(doc.average).toEqual(expected.average.map((x) => x?.toFixed() ?? null));
    expect(doc.cohorts.map((c: { values: unknown }) => c.values)).toEqual(
      expected.cohorts.map((c) => c.values.map((x) => x?.toFixed() ?? null)),
    );
    expect(doc.average.some((x: string) => x.includes("0000001"))).toBe(false);
  });

  it("equals cohortAnalysis in lifetime value on random logs, held or streamed", async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            customer: fc.constantFrom("a", "b", "customer-with-a-long-id", "jürgen", "客户", "7"),
            day: fc.integer({ min: 0, max: 200 }),
            amount: fc.option(
              fc.tuple(
                fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
                fc.integer({ min: 0, max: 8 }),
              ),
              { nil: null },
            ),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.boolean(),
        async (events, stream) => {
          const rows = events.map((e) => ({
            customerId: e.customer,
            at: new Date(Date.UTC(2023, 0, 1) + e.day * 86_400_000).toISOString().slice(0, 10),
            revenue:
              e.amount === null
                ? null
                : new Decimal(e.amount[0].toString()).div(10 ** e.amount[1]).toFixed(e.amount[1]),
          }));
          const text = `customer,date,revenue\n${rows.map((r) => `${r.customerId},${r.at},${r.revenue ?? ""}`).join("\n")}\n`;
          const f = tmp.file(`random-ltv-${file++}.csv`, text);
          const argv = ["cohorts", f, "--format", "json", "--ltv", "-q"];
          const out = await run(stream ? [...argv, "--stream"] : argv);
          const table = cohortAnalysis(rows, { period: "month" }).lifetimeValue();
          const doc = JSON.parse(out.stdout);
          expect(doc.cohorts.map((c: { values: unknown }) => c.values)).toEqual(
            table.cohorts.map((c) => c.values.map((x) => x?.toFixed() ?? null)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it("equals cohortAnalysis on random logs (any quoting, empty amounts, refunds)", async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            customer: fc.constantFrom("a", "b,c", 'd"e', "f g", "7", "h"),
            day: fc.integer({ min: 0, max: 400 }),
            cents: fc.option(fc.integer({ min: -5000, max: 50000 }), { nil: null }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.constantFrom("day", "week", "month", "quarter"),
        fc.boolean(),
        async (events, period, plain) => {
          // plain files (no quotes anywhere) are split directly, others go through csv-parse
          const rows = events.map((e) => ({
            customerId: plain ? e.customer.replace(/[",]/g, "_") : e.customer,
            at: new Date(Date.UTC(2023, 0, 1) + e.day * 86_400_000).toISOString().slice(0, 10),
            revenue: e.cents === null ? null : new Decimal(e.cents).div(100).toFixed(2),
          }));
          const quote = (s: string) => (plain ? s : `"${s.replaceAll('"', '""')}"`);
          const text = `customer,date,revenue\n${rows.map((r) => `${quote(r.customerId)},${r.at},${r.revenue ?? ""}`).join("\n")}\n`;
          const f = tmp.file(`random-${file++}.csv`, text);
          const out = await run(["cohorts", f, "--format", "json", "--period", period, "-q"]);
          const table = cohortAnalysis(rows, { period: period as "day" });
          const doc = JSON.parse(out.stdout);
          expect(doc.cohorts.map((c: { key: string; size: number }) => [c.key, c.size])).toEqual(
            table.cohorts.map((c) => [c.key, c.size]),
          );
          expect(doc.average).toEqual(table.retention().average.map((x) => x?.toFixed() ?? null));
        },
      ),
      { numRuns: 25 },
    );
  });
});
