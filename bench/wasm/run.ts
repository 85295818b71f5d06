/**
 * Fresh-process chain times, JavaScript against the wasm NUTS core: five processes per
 * configuration (bench/wasm/chains.ts), medians of chain 1, of the four chains' sum and of the
 * process CPU time.   npx tsx bench/wasm/run.ts [processes]
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[2] ?? 5);
const script = fileURLToPath(new URL("./chains.ts", import.meta.url));
const CONFIGS = [
  { label: "all JavaScript (HBAYES_WASM=0)", mode: "fit", env: { HBAYES_WASM: "0" } },
  // The fit's target has a wasm gradient where the compiler made one (eight schools); pumps' fit
  // integrates lambda out, and that marginal target's gradient is JavaScript (through the adapter).
  { label: "wasm on (core; the fit's gradient, wasm where compiled)", mode: "fit", env: {} },
  { label: "wasm core + JavaScript gradient (adapter, plain program)", mode: "jsgrad", env: {} },
  { label: "all JavaScript, plain program", mode: "jsgrad", env: { HBAYES_WASM: "0" } },
] as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

for (const id of ["eight_schools_noncentered", "pumps"]) {
  for (const c of CONFIGS) {
    const rows: { chainMs: number[]; chainCpuMs: number[]; cpuMs: number; gradients: number[] }[] = [];
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
    const cpu = median(rows.map((x) => x.cpuMs));
    const cpu1 = median(rows.map((x) => x.chainCpuMs[0]));
    const cpuRest = median(rows.map((x) => x.chainCpuMs.slice(1).reduce((a, b) => a + b, 0) / 3));
    console.log(
      `${id.padEnd(26)} ${c.label.padEnd(58)} chain1 ${chain1.toFixed(1).padStart(6)} ms  chains2-4 mean ${rest.toFixed(1).padStart(5)} ms  sum ${sum.toFixed(1).padStart(6)} ms  | CPU: chain1 ${cpu1.toFixed(1).padStart(6)} ms  chains2-4 mean ${cpuRest.toFixed(1).padStart(5)} ms  process ${cpu.toFixed(0).padStart(5)} ms  gradients ${rows[0].gradients.join(",")}`,
    );
  }
}
