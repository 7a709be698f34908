// Writes dist/THIRD-PARTY-NOTICES.md for the code bundled into dist: the @stdlib special
// functions and every @stdlib package they depend on, with their licences and NOTICE.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const roots = Object.keys(JSON.parse(readFileSync("package.json", "utf8")).devDependencies).filter(
  (name) => name.startsWith("@stdlib/"),
);
const seen = new Map();
const queue = [...roots];
while (queue.length > 0) {
  const name = queue.pop();
  if (seen.has(name)) continue;
  const dir = join("node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  seen.set(name, { version: pkg.version, license: pkg.license, dir });
  for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push(dep);
}

const names = [...seen.keys()].sort();
const first = seen.get(roots.sort()[0]);
const lines = [
  "# Third-party notices",
  "",
  "dist/ bundles code from the following packages of the stdlib project",
  "(https://github.com/stdlib-js/stdlib). They are distributed under the Apache License 2.0;",
  "packages marked otherwise carry the additional licence reproduced at the end.",
  "",
  "| package | version | licence |",
  "| --- | --- | --- |",
  ...names.map((n) => `| ${n} | ${seen.get(n).version} | ${seen.get(n).license} |`),
  "",
  "## NOTICE",
  "",
  "```text",
  readFileSync(join(first.dir, "NOTICE"), "utf8").trim(),
  "```",
  "",
  "## Apache License 2.0",
  "",
  "```text",
  readFileSync(join(first.dir, "LICENSE"), "utf8").trim(),
  "```",
];
for (const n of names) {
  const { license, dir } = seen.get(n);
  if (license === "Apache-2.0") continue;
  const file = join(dir, "LICENSE");
  if (!existsSync(file)) continue;
  lines.push("", `## ${n} (${license})`, "", "```text", readFileSync(file, "utf8").trim(), "```");
}
writeFileSync("dist/THIRD-PARTY-NOTICES.md", `${lines.join("\n")}\n`);
console.log(`dist/THIRD-PARTY-NOTICES.md: ${names.length} packages`);
