// The slow posteriordb suite is excluded from `npm test`; run it with
//   npx vitest run --config test/slow/validation/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../../..", import.meta.url).pathname,
    include: ["test/slow/validation/**/*.test.ts"],
    testTimeout: 1_800_000,
  },
});
