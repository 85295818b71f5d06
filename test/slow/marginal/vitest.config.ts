// The slow suite is excluded from `npm test`; run it with
//   npx vitest run --config test/slow/marginal/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../../..", import.meta.url).pathname,
    include: ["test/slow/marginal/**/*.test.ts"],
    testTimeout: 600_000,
  },
});
