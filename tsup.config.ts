import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  // The special functions of @stdlib are bundled so that users install only
  // decimal.js and date-fns (their licence is shipped in dist/THIRD-PARTY-NOTICES.md).
  noExternal: [/^@stdlib\//],
});
