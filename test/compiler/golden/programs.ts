/** The two programs whose emitted source is pinned (update with `npx tsx test/compiler/golden/update.ts`). */
import type { Program, ProgramData } from "../../../src/ir/types.js";
import { eightSchoolsOffsetMultiplier, radonProgram } from "../models.js";

export const GOLDEN: Record<string, () => { program: Program; data: ProgramData }> = {
  "eight-schools-noncentered": eightSchoolsOffsetMultiplier,
  "varying-intercept": () => ({
    program: radonProgram(12, 3),
    data: [
      Float64Array.from({ length: 12 }, (_, i) => 1 + 0.1 * i),
      Float64Array.from({ length: 12 }, (_, i) => i % 2),
      Int32Array.from({ length: 12 }, (_, i) => 1 + (i % 3)),
    ],
  }),
};
