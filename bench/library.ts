// The library under benchmark: the built package (dist/index.js), which bench/run.mjs builds
// first and names in BENCH_LIBRARY, so that the figures are those of the code users install
// (a TypeScript loader such as tsx may turn every imported binding into a property getter,
// which costs a call per access in a hot loop). Without BENCH_LIBRARY, the sources.
import { pathToFileURL } from "node:url";

type Library = typeof import("../src/index.js");

const target = process.env.BENCH_LIBRARY;
export const library: Library = target
  ? ((await import(pathToFileURL(target).href)) as Library)
  : await import("../src/index.js");

/** Which code is measured: 'dist/index.js' or 'src (TypeScript sources)'. */
export const libraryName = target ? "dist/index.js (built package)" : "src (TypeScript sources)";
