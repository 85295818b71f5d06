// The long fuzzing run and the 100,000-level fit, excluded from `npm test`; run with
//   npx vitest run --config test/slow/robustness/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../../..", import.meta.url).pathname,
    include: ["test/slow/robustness/**/*.test.ts"],
    testTimeout: 1_800_000,
  },
});
