// Runs the unit and property tests again under several host time zones: results must not
// depend on the machine's zone. Usage: node scripts/test-timezones.mjs [zone ...]
// The zones: west of UTC with daylight saving; a 45-minute offset without it (it stands for
// every fractional offset, Asia/Kolkata's included); east of the date line with a 45-minute
// offset and daylight saving; a 30-minute daylight-saving shift.
import { spawnSync } from "node:child_process";

const zones = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["America/Los_Angeles", "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe"];

for (const zone of zones) {
  console.log(`\n== TZ=${zone}`);
  const run = spawnSync("npx", ["vitest", "run", "--reporter=dot"], {
    stdio: "inherit",
    env: { ...process.env, TZ: zone },
  });
  if (run.status !== 0) {
    console.error(`tests failed under TZ=${zone}`);
    process.exit(run.status ?? 1);
  }
}
