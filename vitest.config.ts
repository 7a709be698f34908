import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/_setup/fast-check.ts"],
    testTimeout: 60_000,
    // Vitest's default leaves one core free; on a two-core machine that runs the files one by
    // one. The suite is CPU-bound and the main process idle, so use every core.
    maxWorkers: Math.max(2, availableParallelism()),
    coverage: {
      provider: "v8",
      include: ["src/**"],
      reporter: ["text-summary", "json-summary"],
      thresholds: { lines: 95 },
    },
  },
});
