// npm run bench: runs each benchmark in its own Node process (so that heap figures do not
// mix), with --expose-gc. Pass names to run a subset: npm run bench -- models
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const all = ["cohorts", "models"];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const name of wanted) {
  const file = `bench/${name}.ts`;
  if (!existsSync(file)) {
    console.error(`no benchmark ${file}`);
    process.exit(1);
  }
  console.log(`\n### ${name}\n`);
  const run = spawnSync(
    "node",
    ["--expose-gc", "--max-old-space-size=8192", "--import", "tsx", file],
    {
      stdio: "inherit",
    },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
