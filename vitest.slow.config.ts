// The slow validation suite (SBC, posteriordb sweep, pooling simulation, long fuzzing), excluded
// from `npm test`. Run it with `npm run test:slow`; each area's own config runs one part.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
