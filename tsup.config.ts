import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library and its subpaths. Each subpath is its own entry, so a user who imports only
    // the core never loads the SQL builder or the chart code (and their dependencies).
    entry: { index: "src/index.ts", sql: "src/sql/index.ts", charts: "src/charts/index.ts" },
    format: ["esm"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    sourcemap: true,
    target: "es2022",
  },
  {
    // The CommonJS build. The d3 modules the charts use are ES modules only, which `require`
    // loads only from Node 20.19 on, so this build carries its own copy of them.
    entry: { index: "src/index.ts", sql: "src/sql/index.ts", charts: "src/charts/index.ts" },
    format: ["cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    noExternal: [/^d3-/, "internmap"],
    sourcemap: true,
    target: "es2022",
  },
  {
    // The `customer-metrics` command: Node only, an ES module with a shebang. Kept out of the
    // library entries so that browser bundles never see `node:` imports.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    // One file: the command's lazily loaded parts do not scatter chunks among the library's.
    splitting: false,
    sourcemap: true,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
