/**
 * Medians over fresh processes of bench/wasm/variant.ts: per-chain ms (chain 1 carries the process's
 * JIT and wasm tier-up), their sum, the fit's warmup + sampling (pilot and completion included) and
 * process CPU ms. Small fits move ±20 % between single runs; this is how to compare two versions.
 *   npx tsx bench/wasm/med.ts PROCESSES MODEL[:plain] …     e.g. med.ts 9 eight_schools_centered pumps pumps:plain
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [n, ...specs] = process.argv.slice(2);
const script = fileURLToPath(new URL("./variant.ts", import.meta.url));
const med = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
};
for (const spec of specs) {
  const [id, variant] = spec.split(":");
  const rows = Array.from({ length: Number(n) }, () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", script, id, variant ?? "default"], { encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").pop() as string) as { ms: number[]; sum: number; tw: number; cpu: number };
  });
  const chains = [0, 1, 2, 3].map((c) => med(rows.map((r) => r.ms[c])).toFixed(1)).join(" ");
  console.log(`${spec.padEnd(36)} chains ${chains}  sum ${med(rows.map((r) => r.sum)).toFixed(1)} (min ${Math.min(...rows.map((r) => r.sum)).toFixed(1)})  fit w+s ${med(rows.map((r) => r.tw)).toFixed(1)}  cpu ${med(rows.map((r) => r.cpu))}`);
}
