import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COHORTS_HELP } from "../../src/cli/cohorts.js";
import { FIT_HELP } from "../../src/cli/fit.js";
import { main, PROGRAM_HELP } from "../../src/cli/main.js";
import { createProgress, PROGRESS_DELAY_MS } from "../../src/cli/progress.js";
import { REPORT_HELP } from "../../src/cli/report.js";
import { collector, run, SAMPLE } from "./_run.js";

const version = JSON.parse(readFileSync("package.json", "utf8")).version as string;

describe("customer-metrics: help and version", () => {
  it("prints the program's help with --help, and with no command (exit 2)", async () => {
    for (const flag of ["--help", "-h", "help"]) {
      const r = await run([flag]);
      expect(r).toEqual({ code: 0, stdout: PROGRAM_HELP, stderr: "" });
    }
    expect(await run([])).toEqual({ code: 2, stdout: PROGRAM_HELP, stderr: "" });
    expect(PROGRAM_HELP).toContain(
      "Exit codes: 0 success, 1 internal error, 2 bad input or usage.",
    );
  });

  it("prints each command's help", async () => {
    for (const [command, help] of [
      ["cohorts", COHORTS_HELP],
      ["fit", FIT_HELP],
      ["report", REPORT_HELP],
    ] as const) {
      expect(help.startsWith(`Usage: customer-metrics ${command} <orders.csv>`)).toBe(true);
      expect(await run([command, "--help"])).toEqual({ code: 0, stdout: help, stderr: "" });
      expect((await run([command, "-h", "whatever.csv"])).stdout).toBe(help);
    }
  });

  it("prints the package's version", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect((await run(["-v"])).stdout).toBe(`${version}\n`);
  });
});

describe("customer-metrics: the progress bar", () => {
  it("draws nothing before 2 s, then a bar on the terminal, and clears it at the end", () => {
    const stderr = collector(true);
    let t = 0;
    const bar = createProgress(
      { stdout: collector(), stderr, env: {}, now: () => t },
      "f.csv",
      false,
    );
    bar.update(10, 100);
    t = PROGRESS_DELAY_MS - 1;
    bar.update(20, 100);
    expect(stderr.text).toBe("");
    t = PROGRESS_DELAY_MS + 500;
    bar.update(50, 100);
    expect(stderr.text).toBe(`\rf.csv [${"#".repeat(15)}${" ".repeat(15)}]  50% 3 s`);
    t += 50; // redrawn at most every 100 ms
    bar.update(60, 100);
    expect(stderr.text).toBe(`\rf.csv [${"#".repeat(15)}${" ".repeat(15)}]  50% 3 s`);
    bar.done();
    expect(stderr.text.endsWith("\r\u001b[2K")).toBe(true);
  });

  it("draws nothing in a pipe, in CI or with --quiet", () => {
    for (const [isTTY, env, quiet] of [
      [false, {}, false],
      [true, { CI: "true" }, false],
      [true, {}, true],
    ] as const) {
      const stderr = collector(isTTY);
      let t = 0;
      const bar = createProgress({ stdout: collector(), stderr, env, now: () => t }, "f", quiet);
      t = 60_000;
      bar.update(1, 2);
      bar.done();
      expect(stderr.text).toBe("");
    }
  });

  it("leaves stdout alone when a slow read draws the bar on the terminal", async () => {
    const stdout = collector();
    const stderr = collector(true);
    let t = 0;
    const code = await main(["cohorts", SAMPLE, "-q", "--format", "csv"], {
      stdout,
      stderr,
      env: {},
      now: () => {
        t += 5000; // every reading of the clock is 5 s later
        return t;
      },
    });
    expect(code).toBe(0);
    // -q silences information lines and the bar alike
    expect(stderr.text).toBe("");
    const plain = await run(["cohorts", SAMPLE, "-q", "--format", "csv"]);
    expect(stdout.text).toBe(plain.stdout);
    const stderr2 = collector(true);
    const stdout2 = collector();
    await main(["cohorts", SAMPLE, "--format", "csv"], {
      stdout: stdout2,
      stderr: stderr2,
      env: {},
      now: () => {
        t += 5000;
        return t;
      },
    });
    expect(stdout2.text).toBe(plain.stdout);
    const [bar, info] = stderr2.text.split("\u001b[2K");
    expect(bar).toMatch(/^\rexamples\/data\/shop-orders\.csv \[#{30}\] 100% \d+ s\r$/);
    expect(info?.startsWith("customer-metrics: examples/data/shop-orders.csv: columns")).toBe(true);
  });
});

describe("customer-metrics as a program", () => {
  it("runs from the command line: output on stdout, exit codes 0 and 2", () => {
    const ok = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "cohorts", SAMPLE],
      {
        encoding: "utf8",
        env: { ...process.env, CI: "true" },
      },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout.split("\n")[0]).toBe(
      "cohort   size      M0     M1     M2     M3     M4    M5",
    );
    expect(ok.stderr).toContain("columns customer = customer_id");
    const bad = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "cohorts", "missing.csv"],
      { encoding: "utf8" },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("customer-metrics: missing.csv: no such file\n");
    expect(bad.stdout).toBe("");
  });
});
