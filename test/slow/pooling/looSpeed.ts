/**
 * CPU time of PSIS-LOO on a radon-sized matrix (4 chains × 1000 draws × 919 observations, synthetic:
 * see test/pooling/support/syntheticLogLik.ts), the current src/diagnostics code against the
 * implementation it replaced (test/pooling/support/looReference.ts). A script, not a test (timings
 * are not pass/fail material on a shared machine): `npx tsx test/slow/pooling/looSpeed.ts`.
 * Measured with process.cpuUsage, so the machine's load does not count.
 */
import { psisLoo } from "../../../src/diagnostics/loo.js";
import { psisLooReference } from "../../pooling/support/looReference.js";
import { syntheticLogLik } from "../../pooling/support/syntheticLogLik.js";

const cpu = (f: () => void): number => {
  const t = process.cpuUsage();
  f();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1e6;
};

const ll = syntheticLogLik(1, 4, 1000, 919, false);
for (let rep = 0; rep < 3; rep++) {
  const now = cpu(() => psisLoo(ll, { chainIds: ll.chainIds }));
  const before = cpu(() => psisLooReference(ll, ll.chainIds));
  console.log(`rep ${rep + 1}: psisLoo ${now.toFixed(3)} s CPU, previous implementation ${before.toFixed(3)} s CPU (${(before / now).toFixed(2)}x)`);
}
