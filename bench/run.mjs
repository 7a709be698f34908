// npm run bench: runs each benchmark in its own Node process (so that heap figures do not
// mix), with --expose-gc. Pass names to run a subset: npm run bench -- models
// Options after the names go to each benchmark: npm run bench -- cohorts --events 1e6
// The benchmarks measure the built package: it is built first (npm run build) and its path is
// passed in BENCH_LIBRARY (see bench/library.ts).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const all = ["cohorts", "eventlog", "models"];
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((a) => a.startsWith("--"));
const names = firstOption < 0 ? argv : argv.slice(0, firstOption);
const options = firstOption < 0 ? [] : argv.slice(firstOption);
const wanted = names.length ? names : all;
const build = spawnSync("npm", ["run", "--silent", "build"], {
  stdio: ["ignore", "ignore", "inherit"],
});
if (build.status !== 0) {
  console.error("npm run build failed");
  process.exit(build.status ?? 1);
}
const env = { ...process.env, BENCH_LIBRARY: resolve("dist/index.js") };
for (const name of wanted) {
  const file = `bench/${name}.ts`;
  if (!existsSync(file)) {
    console.error(`no benchmark ${file}`);
    process.exit(1);
  }
  console.log(`\n### ${name}\n`);
  const run = spawnSync(
    "node",
    ["--expose-gc", "--max-old-space-size=8192", "--import", "tsx", file, ...options],
    {
      stdio: "inherit",
      env,
    },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
