// The slow suite is excluded from `npm test`; run it with
//   npx vitest run --config test/slow/reparam/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../../..", import.meta.url).pathname,
    include: ["test/slow/reparam/**/*.test.ts"],
    testTimeout: 900_000,
  },
});
