/**
 * One fit of a benchmark model in this (fresh) process, as bench/full runs it (4 chains × 1000 + 1000,
 * seed 1): prints per-chain milliseconds (warmup + sampling), their sum, the fit's warmup + sampling
 * (which also holds the reparameterisation pilot and a marginalised fit's completion of its draws),
 * process CPU ms and gradients as one JSON line. bench/wasm/med.ts runs it in many processes.
 *   npx tsx bench/wasm/variant.ts MODEL [default|plain]     (SPLIT=1: warmup/sampling per chain on stderr)
 */
import { fitProgram } from "../../src/api/fit.js";
import { findModel } from "../full/models.js";

const [id, variant] = process.argv.slice(2);
const PLAIN = { reparam: "none", marginalize: "none", metric: "diag" } as const;
const c0 = process.cpuUsage();
const fit = await fitProgram(findModel(id).hbayes(), { chains: 4, warmup: 1000, draws: 1000, seed: 1, ...(variant === "plain" ? PLAIN : {}) });
const c = process.cpuUsage(c0);
const ms = fit.result.chains.map((ch) => +(1000 * (ch.timing.warmup_s + ch.timing.sampling_s)).toFixed(1));
if (process.env.SPLIT) console.error(fit.result.chains.map((ch) => `${(1000 * ch.timing.warmup_s).toFixed(1)}/${(1000 * ch.timing.sampling_s).toFixed(1)}`).join(" "));
const sum = +ms.reduce((a, b) => a + b, 0).toFixed(1);
const tw = +(1000 * (fit.timing.warmup_s + fit.timing.sampling_s)).toFixed(1);
console.log(JSON.stringify({ ms, sum, tw, cpu: Math.round((c.user + c.system) / 1000), grads: fit.timing.gradients }));
