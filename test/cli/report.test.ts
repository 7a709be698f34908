import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { customerReport } from "../../src/charts/report/index.js";
import { writeAtomically } from "../../src/cli/report.js";
import { run, SAMPLE, sampleRows, tempDir } from "./_run.js";

const tmp = tempDir();
afterAll(() => tmp.remove());

const leftovers = (): string[] => readdirSync(tmp.dir).filter((n) => n.endsWith(".tmp"));

describe("customer-metrics report", () => {
  it("writes the report of customerReport on the same orders, and says where", async () => {
    const out = join(tmp.dir, "report.html");
    const r = await run(["report", SAMPLE, "-o", out, "--currency", "USD", "--title", "Shop"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n").slice(1)).toEqual([`customer-metrics: wrote ${out}`, ""]);
    const expected = customerReport(sampleRows(), {
      currency: "USD",
      title: "Shop",
      theme: "light",
    });
    expect(readFileSync(out, "utf8")).toBe(expected);
    expect(leftovers()).toEqual([]);
  });

  it("passes --period, --tz, --as-of, --theme and --models on, and writes to stdout with -o -", async () => {
    // the first 200 orders: the model fits of the report stay quick
    const rows = sampleRows().slice(0, 200);
    const f = tmp.file(
      "first-200.csv",
      `customer_id,ordered_at,amount\n${rows.map((x) => `${x.customerId},${x.at},${x.revenue}`).join("\n")}\n`,
    );
    const r = await run([
      "report",
      f,
      "-o",
      "-",
      "--period",
      "week",
      "--tz",
      "Europe/Berlin",
      "--as-of",
      "2024-02-15",
      "--theme",
      "dark",
      "--models",
      "--top",
      "3",
      "-q",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      customerReport(rows, {
        period: "week",
        timeZone: "Europe/Berlin",
        asOf: "2024-02-15",
        theme: "dark",
        models: true,
        top: 3,
      }),
    );
  });

  it("replaces an existing file whole", async () => {
    const out = tmp.file("old.html", "old report");
    const r = await run(["report", SAMPLE, "-o", out, "-q"]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(customerReport(sampleRows(), { theme: "light" }));
    expect(leftovers()).toEqual([]);
  });

  it("counts every row as a purchase when the log has no amount column", async () => {
    const rows = sampleRows();
    const f = tmp.file(
      "no-amount.csv",
      `customer_id,ordered_at\n${rows.map((x) => `${x.customerId},${x.at}`).join("\n")}\n`,
    );
    const r = await run(["report", f, "-o", "-", "-q"]);
    expect(r.stdout).toBe(
      customerReport(
        rows.map((x) => ({ customerId: x.customerId, at: x.at })),
        { purchases: "all", theme: "light" },
      ),
    );
  });

  it("refuses a bad --currency or --as-of naming the flag, and writes nothing", async () => {
    const out = join(tmp.dir, "none.html");
    const a = await run(["report", SAMPLE, "-o", out, "--currency", "EURO", "-q"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^customer-metrics: report: --currency .*\(received "EURO"\)\n$/);
    const b = await run(["report", SAMPLE, "-o", out, "--as-of", "whenever", "-q"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^customer-metrics: report: --as-of .*\(received "whenever"\)\n$/);
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("names a folder it cannot write to, leaving no temporary file", async () => {
    const out = join(tmp.dir, "missing-folder", "r.html");
    const r = await run(["report", SAMPLE, "-o", out, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^customer-metrics: report: cannot write "${out}" \\(ENOENT: `),
    );
    expect(existsSync(join(tmp.dir, "missing-folder"))).toBe(false);
  });

  it("writeAtomically removes its temporary file when the rename fails", async () => {
    const target = join(tmp.dir, "a-folder");
    tmp.file("a-folder-marker", "");
    await import("node:fs").then((fs) => fs.mkdirSync(join(target, "child"), { recursive: true }));
    // renaming a file over a non-empty folder fails
    await expect(writeAtomically(target, "text")).rejects.toThrow(/cannot write/);
    expect(leftovers()).toEqual([]);
  });
});
