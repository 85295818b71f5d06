/**
 * Fresh-process chain times (bench/wasm/chains.ts, one fit per process), medians over the processes
 * of chain 1, of the four chains' sum, of the fit's warmup + sampling and of CPU time. Small fits move
 * ±20 % between single runs; this is how to compare two versions of a 20 ms fit.
 *   npx tsx bench/wasm/run.ts [processes]                 JavaScript against the wasm core and gradients,
 *                                                         eight schools non-centred and pumps
 *   npx tsx bench/wasm/run.ts PROCESSES MODEL[:MODE] …    the given models (MODE fit | plain | jsgrad, default fit)
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [runsArg, ...specs] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const script = fileURLToPath(new URL("./chains.ts", import.meta.url));
const CONFIGS = [
  { label: "all JavaScript (HBAYES_WASM=0)", mode: "fit", env: { HBAYES_WASM: "0" } },
  { label: "wasm on (core and loop; the fit's gradient, wasm where compiled)", mode: "fit", env: {} },
  { label: "wasm core + JavaScript gradient (adapter, plain program)", mode: "jsgrad", env: {} },
  { label: "all JavaScript, plain program", mode: "jsgrad", env: { HBAYES_WASM: "0" } },
] as const;
type Job = { id: string; label: string; mode: string; env: Record<string, string> };
const jobs: Job[] =
  specs.length > 0
    ? specs.map((spec) => ({ id: spec.split(":")[0], label: spec.split(":")[1] ?? "fit", mode: spec.split(":")[1] ?? "fit", env: {} }))
    : ["eight_schools_noncentered", "pumps"].flatMap((id) => CONFIGS.map((c) => ({ id, label: c.label, mode: c.mode, env: { ...c.env } })));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

for (const c of jobs) {
  const id = c.id;
  const rows: { chainMs: number[]; chainCpuMs: number[]; cpuMs: number; fitMs: number | null; gradients: number[] }[] = [];
  for (let r = 0; r < runs; r++) {
    const env: NodeJS.ProcessEnv = { ...process.env, ...c.env };
    if (!("HBAYES_WASM" in c.env)) delete env.HBAYES_WASM;
    let out: string;
    try {
      out = execFileSync(process.execPath, ["--import", "tsx", script, id, c.mode], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      console.log(`${id.padEnd(26)} ${c.label.padEnd(58)} failed: ${String((e as { stderr?: string }).stderr ?? e).split("\n").find((l) => /Error/.test(l)) ?? e}`);
      break;
    }
    rows.push(JSON.parse(out.trim().split("\n").pop() as string));
  }
  if (rows.length < runs) continue;
  const chain1 = median(rows.map((x) => x.chainMs[0]));
  const rest = median(rows.map((x) => x.chainMs.slice(1).reduce((a, b) => a + b, 0) / 3));
  const sum = median(rows.map((x) => x.chainMs.reduce((a, b) => a + b, 0)));
  const fit = rows[0].fitMs === null ? "" : `  fit w+s ${median(rows.map((x) => x.fitMs as number)).toFixed(1).padStart(6)} ms`;
  const cpu = median(rows.map((x) => x.cpuMs));
  const cpu1 = median(rows.map((x) => x.chainCpuMs[0]));
  const cpuRest = median(rows.map((x) => x.chainCpuMs.slice(1).reduce((a, b) => a + b, 0) / 3));
  console.log(
    `${id.padEnd(26)} ${c.label.padEnd(58)} chain1 ${chain1.toFixed(1).padStart(6)} ms  chains2-4 mean ${rest.toFixed(1).padStart(5)} ms  sum ${sum.toFixed(1).padStart(6)} ms${fit}  | CPU: chain1 ${cpu1.toFixed(1).padStart(6)} ms  chains2-4 mean ${cpuRest.toFixed(1).padStart(5)} ms  process ${cpu.toFixed(0).padStart(5)} ms  gradients ${rows[0].gradients.join(",")}`,
  );
}
