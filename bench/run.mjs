// npm run bench: runs each benchmark in its own Node process (so that heap figures do not
// mix), with --expose-gc. Pass names to run a subset: npm run bench -- models
// Options after the names go to each benchmark: npm run bench -- cohorts --events 1e6
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const all = ["cohorts", "models"];
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((a) => a.startsWith("--"));
const names = firstOption < 0 ? argv : argv.slice(0, firstOption);
const options = firstOption < 0 ? [] : argv.slice(firstOption);
const wanted = names.length ? names : all;
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
    },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
