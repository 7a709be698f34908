// Size budget, as a user's bundler sees the package: each entry of .size-limit.json (the
// format of the size-limit tool) is one named import from the built ES module, bundled with
// its dependencies by esbuild, minified, and compressed with brotli. Fails when an entry is
// over its limit. Run after `npm run build`.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { build } from "esbuild";

const UNITS = { B: 1, kB: 1000, KB: 1000, MB: 1e6 };

/** "13 kB" → 13000 bytes. */
function bytes(limit) {
  const match = /^\s*([\d.]+)\s*(B|kB|KB|MB)\s*$/.exec(limit);
  if (match === null) throw new Error(`.size-limit.json: cannot read the limit ${limit}`);
  return Number(match[1]) * UNITS[match[2]];
}

const entries = JSON.parse(readFileSync(".size-limit.json", "utf8"));
let over = 0;
for (const entry of entries) {
  const result = await build({
    stdin: {
      contents: `export ${entry.import} from ${JSON.stringify(resolve(entry.path))};`,
      resolveDir: process.cwd(),
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  const size = brotliCompressSync(code, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;
  const limit = bytes(entry.limit);
  const ok = size <= limit;
  if (!ok) over++;
  console.log(
    `${ok ? "  " : "✗ "}${(entry.name ?? entry.import).padEnd(26)} ${(size / 1000).toFixed(2).padStart(6)} kB` +
      ` brotli (limit ${entry.limit}; ${(code.length / 1000).toFixed(1)} kB minified)`,
  );
}
if (over > 0) {
  console.error(`${over} of ${entries.length} over the size budget`);
  process.exit(1);
}
