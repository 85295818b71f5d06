/**
 * Issue 12 in the browser: the built app integrates conjugate group parameters out (its chain worker
 * builds marginal plans), says so under the summary as the CLI's footer does, and its draws are the
 * ones `fit` gives for the same model, data, settings and seed, bit for bit — compared as the
 * downloaded CmdStan CSVs (round-trip number text, so equal text is equal doubles).
 *
 * Bit-identity holds within one JavaScript engine. The reference is therefore `fit` called as from
 * Node (threads: 1, no createWorker) in a harness page in the same Chromium (support/reference).
 * Against Node itself the draws are bit-identical only when Node's Math.* round as Chromium's do:
 * Node 20's V8 and Chromium 156's differ in the last bit of exp, log, pow, … on ~3 % of the probe's
 * values (support/mathProbe.ts), and one ulp in a leapfrog changes the trajectory. So the Node
 * comparison is exact when the probes agree and, when they do not, the posterior means must agree
 * within 4 combined MCSEs. More cases (a correlated formula model, a non-conjugate example, full
 * default-length runs) are in test/slow/web/marginal.test.ts.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import radonModel from "../../examples/radon/model.js";
import eightSchoolsModel from "../../web/src/models/eightSchools.js";
import { compareAppWithFit, startServers, type Case } from "./support/appVsFit.js";

let env: Awaited<ReturnType<typeof startServers>>;

beforeAll(async () => {
  env = await startServers();
});

afterAll(async () => {
  await env?.close();
});

// A marginal model this small gets the dense metric (fitBeyond). Short runs: draws are compared
// one by one, so 150 per chain already test every step of the path.
const CASES: readonly Case[] = [
  { name: "eight schools (centred)", example: { id: "eight-schools", model: eightSchoolsModel }, csv: "data/eight_schools.csv", seed: 11, beyond: "metric: dense; marginalised: theta (normal–normal, 8 groups)", hyper: ["mu", "tau", "theta.1"], divergenceFree: true },
  { name: "radon", example: { id: "radon", model: radonModel }, csv: "data/radon_mn.csv", seed: 12, beyond: "metric: dense; marginalised: a (normal–normal, 85 groups)", hyper: ["mu_a", "sigma_a", "b", "sigma", "a.1"], divergenceFree: true },
];

describe("web app: marginalised fits", () => {
  it.each(CASES)("$name: integrated out in the page's workers, 0 divergences; draws bit-identical to fit's in the same engine, Node's exact or within 4 MCSE", async (k) => {
    await compareAppWithFit(env, k, { chains: 4, warmup: 200, draws: 150, timeoutMs: 60_000 });
  });
});
