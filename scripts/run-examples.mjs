// Runs every script in examples/ as a user would (tsx), and the quickstart once more with
// ts-node, failing on the first non-zero exit.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const files = readdirSync("examples")
  .filter((f) => f.endsWith(".ts"))
  .sort();
const runs = files.map((f) => ["npx", ["tsx", `examples/${f}`]]);
runs.push(["node", ["--import", "./scripts/ts-node-register.mjs", "examples/quickstart.ts"]]);

for (const [command, args] of runs) {
  console.log(`\n== ${command} ${args.join(" ")}`);
  const run = spawnSync(command, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  const lines = (run.stdout ?? "").trimEnd().split("\n");
  console.log(
    lines.slice(0, 12).join("\n") +
      (lines.length > 12 ? `\n… (${lines.length - 12} more lines)` : ""),
  );
  if (run.status !== 0) {
    console.error(`example failed: ${command} ${args.join(" ")}`);
    process.exit(run.status ?? 1);
  }
}
