import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { collector, run, SAMPLE, tempDir } from "./_run.js";

const tmp = tempDir();
afterAll(() => tmp.remove());

const HEADER = "customer_id,ordered_at,amount\n";

/** Runs every command on `file` and checks it fails with `line` alone on stderr. */
async function failsEverywhere(file: string, line: string): Promise<void> {
  for (const argv of [
    ["cohorts", file],
    ["fit", file],
    ["report", file, "-o", join(tmp.dir, "never.html")],
  ]) {
    const r = await run([...argv, "-q"]);
    expect(r.code, argv.join(" ")).toBe(2);
    expect(r.stderr, argv.join(" ")).toBe(`${line}\n`);
    expect(r.stdout).toBe("");
  }
  expect(existsSync(join(tmp.dir, "never.html"))).toBe(false);
}

describe("customer-metrics: bad input is one stderr line and exit code 2", () => {
  it("names a missing file", async () => {
    await failsEverywhere(
      "no/such/orders.csv",
      "customer-metrics: no/such/orders.csv: no such file",
    );
  });

  it("names a folder given as the file", async () => {
    await failsEverywhere(tmp.dir, `customer-metrics: ${tmp.dir}: not a file`);
  });

  it("names an unreadable date with its file, line, column and value (blank lines counted)", async () => {
    const f = tmp.file(
      "date.csv",
      `${HEADER}c1,2024-01-01,1.5\nc2,"2024-01-02",2\n\nc3,2024-13-01,3\n`,
    );
    await failsEverywhere(
      f,
      `customer-metrics: ${f}:5: column "ordered_at": "2024-13-01" is not an ISO 8601 date or date-time`,
    );
  });

  it("names the line of a bad value in a file without quotes, blank lines counted", async () => {
    const f = tmp.file(
      "plain.csv",
      `${HEADER}c1,2024-01-01,1.5\n\nc2,2024-01-02,2\n\n\nc3,2024-02-30,3\n`,
    );
    await failsEverywhere(
      f,
      `customer-metrics: ${f}:7: column "ordered_at": "2024-02-30" is not an ISO 8601 date or date-time`,
    );
    const crlf = tmp.file(
      "crlf.csv",
      `${HEADER}c1,2024-01-01,1.5\r\nc2,2024-01-02,x\r\n`
        .replaceAll("\n", "\r\n")
        .replaceAll("\r\r", "\r"),
    );
    expect((await run(["cohorts", crlf, "-q"])).stderr).toBe(
      `customer-metrics: ${crlf}:3: column "amount": "x" is not a decimal amount (such as 19.99 or -5)\n`,
    );
  });

  it("names a bad value after a quoted field spanning lines by the line it ends on", async () => {
    const f = tmp.file("multi.csv", `${HEADER}"c\n1",2024-01-01,1.5\nc2,2024-01-02,1..5\n`);
    expect((await run(["cohorts", f, "-q"])).stderr).toBe(
      `customer-metrics: ${f}:4: column "amount": "1..5" is not a decimal amount (such as 19.99 or -5)\n`,
    );
  });

  it("names an unreadable amount (a decimal comma, a currency sign, an exponent)", async () => {
    for (const amount of ['"1,5"', "$5", "1e3", "NaN", "12.5.1"]) {
      const f = tmp.file("amount.csv", `${HEADER}c1,2024-01-01,1.5\nc2,2024-01-02,${amount}\n`);
      const shown = amount.replaceAll('"', "");
      await failsEverywhere(
        f,
        `customer-metrics: ${f}:3: column "amount": "${shown}" is not a decimal amount (such as 19.99 or -5)`,
      );
    }
  });

  it("names an empty customer id", async () => {
    const f = tmp.file("id.csv", `${HEADER}c1,2024-01-01,1.5\n,2024-01-02,1\n`);
    await failsEverywhere(
      f,
      `customer-metrics: ${f}:3: column "customer_id": "" is empty (a customer id is required)`,
    );
  });

  it("names a time that is not an epoch number with --epoch", async () => {
    const f = tmp.file("epoch.csv", `${HEADER}c1,1704067200,1\nc2,2024-01-02,1\n`);
    const r = await run(["cohorts", f, "--epoch", "s"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `customer-metrics: ${f}:3: column "ordered_at": "2024-01-02" is not a time in epoch seconds\n`,
    );
    const big = tmp.file("epoch-big.csv", `${HEADER}c1,99999999999999999,1\n`);
    expect((await run(["cohorts", big, "--epoch", "ms"])).stderr).toBe(
      `customer-metrics: ${big}:2: column "ordered_at": "99999999999999999" is not a time in epoch milliseconds\n`,
    );
  });

  it("names a missing column, and a column flag that names none", async () => {
    const f = tmp.file("nocol.csv", "customer_id,amount\nc1,1\n");
    await failsEverywhere(
      f,
      `customer-metrics: ${f}:1: no time column (name it with --at); the header has "customer_id", "amount"`,
    );
    const g = tmp.file("noid.csv", "who,when\nc1,2024-01-01\n");
    expect((await run(["cohorts", g])).stderr).toBe(
      `customer-metrics: ${g}:1: no customer id column (name it with --customer); the header has "who", "when"\n`,
    );
    const r = await run(["cohorts", SAMPLE, "--revenue", "price"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `customer-metrics: ${SAMPLE}:1: no column "price" (--revenue); the header has "order_id", "customer_id", "ordered_at", "amount"\n`,
    );
  });

  it("matches a column flag without regard to case or spaces", async () => {
    const r = await run(["cohorts", SAMPLE, "--customer", " Customer_ID ", "-q"]);
    expect(r.code).toBe(0);
  });

  it("names a row with a missing field, an unclosed quote and an empty file", async () => {
    const short = tmp.file("short.csv", `${HEADER}c1,2024-01-01,1.5\nc2,2024-01-02\n`);
    expect((await run(["cohorts", short])).stderr).toBe(
      `customer-metrics: ${short}:3: Invalid Record Length: expect 3, got 2 on line 3\n`,
    );
    const quote = tmp.file("quote.csv", `${HEADER}c1,2024-01-01,1.5\nc2,2024-01-02,"2\n`);
    const q = await run(["cohorts", quote]);
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(new RegExp(`^customer-metrics: ${quote}:3: Quote Not Closed`));
    const empty = tmp.file("empty.csv", "");
    await failsEverywhere(empty, `customer-metrics: ${empty}: the file is empty (no header line)`);
  });

  it("refuses a header-only file in fit and report, and prints an empty table in cohorts", async () => {
    const f = tmp.file("header.csv", HEADER);
    expect((await run(["fit", f, "-q"])).stderr).toBe(`customer-metrics: ${f}: no events to fit\n`);
    expect((await run(["report", f, "-q", "-o", join(tmp.dir, "h.html")])).stderr).toBe(
      `customer-metrics: ${f}: no orders (the file has only a header)\n`,
    );
    expect((await run(["cohorts", f, "-q"])).stdout).toBe("cohort  size\nall        0\n");
  });

  it("leaves an existing output file untouched when the input is bad", async () => {
    const out = tmp.file("keep.html", "old report");
    const bad = tmp.file("bad.csv", `${HEADER}c1,2024-01-01,1.5\nc2,yesterday,2\n`);
    const r = await run(["report", bad, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `customer-metrics: ${bad}:3: column "ordered_at": "yesterday" is not an ISO 8601 date or date-time\n`,
    );
    expect(readFileSync(out, "utf8")).toBe("old report");
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("customer-metrics: usage errors exit 2 with a hint", () => {
  it("names an unknown command", async () => {
    const r = await run(["frobnicate", SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `customer-metrics: unknown command "frobnicate"\nCommands: cohorts, fit, report. Run 'customer-metrics --help'.\n`,
    );
  });

  it("names an unknown flag and a flag without its value", async () => {
    const a = await run(["cohorts", SAMPLE, "--bogus"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(
      "customer-metrics: cohorts: Unknown option '--bogus'\nRun 'customer-metrics cohorts --help' for the flags.\n",
    );
    const b = await run(["fit", SAMPLE, "--top"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe(
      "customer-metrics: fit: Option '--top <value>' argument missing\nRun 'customer-metrics fit --help' for the flags.\n",
    );
  });

  it("asks for exactly one input file", async () => {
    const none = await run(["cohorts"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "customer-metrics: cohorts: an input file is required\nUsage: customer-metrics cohorts orders.csv [flags]; run 'customer-metrics cohorts --help'.\n",
    );
    const two = await run(["fit", "a.csv", "b.csv"]);
    expect(two.stderr.split("\n")[0]).toBe(
      'customer-metrics: fit: one input file, not 2 (received "a.csv" "b.csv")',
    );
  });

  it.each([
    [
      ["cohorts", SAMPLE, "--period", "fortnight"],
      'cohorts: --period must be one of day, week, month, quarter, year (received "fortnight")',
    ],
    [
      ["cohorts", SAMPLE, "--format", "xml"],
      'cohorts: --format must be one of table, csv, json (received "xml")',
    ],
    [
      ["cohorts", SAMPLE, "--mode", "rolling"],
      'cohorts: --mode must be one of classic, unbounded (received "rolling")',
    ],
    [
      ["cohorts", SAMPLE, "--tz", "Mars/Olympus"],
      'cohorts: --tz must be an IANA time zone such as Europe/Berlin (received "Mars/Olympus")',
    ],
    [
      ["cohorts", SAMPLE, "--as-of", "soon"],
      'cohorts: --as-of must be an ISO 8601 date or date-time (received "soon")',
    ],
    [
      ["cohorts", SAMPLE, "--currency", "dollars"],
      'cohorts: --currency must be an ISO 4217 code such as USD (received "dollars")',
    ],
    [
      ["cohorts", SAMPLE, "--brackets", "3-1"],
      'cohorts: --brackets must be ranges of periods such as 1-3,4-6 (received "3-1")',
    ],
    [
      ["cohorts", SAMPLE, "--brackets", "1-3", "--ltv"],
      "cohorts: --brackets is a retention mode of its own (no --mode, no --ltv)",
    ],
    [
      ["cohorts", SAMPLE, "--ltv", "--mode", "unbounded"],
      "cohorts: --mode applies to retention, not to --ltv",
    ],
    [["cohorts", SAMPLE, "--epoch", "us"], 'cohorts: --epoch must be one of ms, s (received "us")'],
    [
      ["fit", SAMPLE, "--model", "gmm"],
      'fit: --model must be one of bgnbd, pareto, mbgnbd (received "gmm")',
    ],
    [
      ["fit", SAMPLE, "--horizon", "52"],
      'fit: --horizon must be a positive length with its unit, such as 52w, 90d, 12m or 1y (received "52")',
    ],
    [
      ["fit", SAMPLE, "--horizon", "0w"],
      'fit: --horizon must be a positive length with its unit, such as 52w, 90d, 12m or 1y (received "0w")',
    ],
    [
      ["fit", SAMPLE, "--top", "0"],
      'fit: --top must be a whole number from 1 to 1000000 (received "0")',
    ],
    [
      ["fit", SAMPLE, "--unit", "hour"],
      'fit: --unit must be one of day, week, month, quarter, year (received "hour")',
    ],
    [
      ["fit", SAMPLE, "--purchases", "some"],
      'fit: --purchases must be one of positive, all (received "some")',
    ],
    [
      ["fit", SAMPLE, "--observation-end", "later"],
      'fit: --observation-end must be an ISO 8601 date or date-time (received "later")',
    ],
    [["report", SAMPLE], "report: an output file is required (-o report.html)"],
    [
      ["report", SAMPLE, "-o", "x.html", "--top", "5000"],
      'report: --top must be a whole number from 1 to 1000 (received "5000")',
    ],
    [
      ["report", SAMPLE, "-o", "x.html", "--theme", "neon"],
      'report: --theme must be one of light, dark, auto (received "neon")',
    ],
  ])("refuses %j", async (argv, message) => {
    const r = await run([...argv, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`customer-metrics: ${message}`);
    expect(r.stdout).toBe("");
  });
});

describe("customer-metrics: internal errors exit 1", () => {
  it("reports an unexpected failure with exit code 1", async () => {
    const stderr = collector();
    const code = await main(["cohorts", SAMPLE, "-q"], {
      stdout: {
        write() {
          throw new Error("disk on fire");
        },
      },
      stderr,
      env: {},
    });
    expect(code).toBe(1);
    expect(stderr.text).toMatch(/^customer-metrics: internal error: Error: disk on fire/);
  });
});
