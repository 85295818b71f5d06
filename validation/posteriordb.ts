/**
 * `npm run validate:posteriordb` — fits every posteriordb reference posterior with its hbayes DSL model
 * (examples/posteriordb/) and checks each reported parameter against the reference summary: prints one
 * line per posterior and writes validation/posteriordb.json.
 *
 *   npx tsx validation/posteriordb.ts [name-substring ...]   (no argument: all reference files)
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readReference, referenceNames } from "./posteriordb/cases.js";
import { DIAGNOSTICS } from "./posteriordb/diagnostics.js";
import { runPosterior, type PosteriorResult } from "./posteriordb/run.js";

const filters = process.argv.slice(2);
const names = referenceNames().filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)));
const out: Record<string, unknown> = {};
let failed = 0;

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
console.log(`${pad("posterior", 52)} result  worst z (parameter)              worst sd err     div   hbayes s (cpu)  Stan s`);

for (const name of names) {
  let r: PosteriorResult;
  try {
    r = await runPosterior(name, DIAGNOSTICS, {}, readReference(name));
  } catch (e) {
    failed++;
    console.log(`${pad(name, 52)} ERROR   ${(e as Error).message}`);
    out[name] = { pass: false, error: (e as Error).message };
    continue;
  }
  if (!r.pass) failed++;
  const z = `${r.verdict.worstZ.z.toFixed(2)} (${r.verdict.worstZ.name})`;
  const sd = `${(100 * r.verdict.worstSd.sd_error).toFixed(1)} % (${r.verdict.worstSd.name})`;
  console.log(
    `${pad(name, 52)} ${r.pass ? "pass" : "FAIL"}    ${pad(z, 32)} ${pad(sd, 24)} ${String(r.divergences).padStart(4)} ` +
      `${r.seconds.toFixed(1).padStart(9)} (${r.cpu_seconds.toFixed(1)}) ${r.reference_seconds === null ? "      -" : r.reference_seconds.toFixed(1).padStart(7)}`,
  );
  for (const f of r.verdict.failures.slice(0, 5)) console.log(`    ${f}`);
  const byMcse = r.parameters.filter((p) => p.sd_by_mcse);
  if (byMcse.length > 0) {
    console.log(`    sd more than 10 % off but within 4 mcse_sd: ${byMcse.map((p) => `${p.name} (${(100 * p.sd_error).toFixed(1)} %)`).join(", ")}`);
  }
  out[name] = {
    pass: r.pass,
    parameters: r.parameters.map((p) => ({
      name: p.name,
      mean: p.mean,
      sd: p.sd,
      mcse_mean: p.mcse_mean,
      mcse_sd: p.mcse_sd,
      ess_bulk: p.ess_bulk,
      rhat: p.rhat,
      ref_mean: p.ref_mean,
      ref_sd: p.ref_sd,
      z: p.z,
      sd_error: p.sd_error,
      sd_by_mcse: p.sd_by_mcse,
    })),
    divergences: r.divergences,
    seconds: r.seconds,
    cpu_seconds: r.cpu_seconds,
    gradients: r.gradients,
    reference_seconds: r.reference_seconds,
    max_mcse_over_ref_sd: r.max_mcse_over_sd,
    sampler: r.sampler,
    settings: r.settings,
    failures: r.verdict.failures,
  };
}

const target = fileURLToPath(new URL("./posteriordb.json", import.meta.url));
if (filters.length === 0) writeFileSync(target, JSON.stringify(out, null, 1) + "\n");
else console.log(`(a filtered run does not write ${target})`);
console.log(`${names.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
