/**
 * `npm run bench` (= `tsx bench/run.ts`): hbayes and, where installed, rstan, brms, lme4 and JAGS on
 * the same models, data and priors (bench/full/models.ts), one child process per fit, measured the
 * same way (bench/full/measure.ts). Prints the table and the hbayes/other ratios, writes
 * bench/results/<date>.json and, for a full run, the "full" section of bench/RESULTS.md.
 *
 *   --quick            the models marked quick, 4 × (500 + 500)
 *   --only a,b         only these model ids
 *   --tools t,u        only these tools (hbayes, stan, brms, lme4, jags)
 *   --chains/--warmup/--draws/--seed N, --timeout S (per row, default 3600)
 *   --no-md            do not touch RESULTS.md
 *   --md               update RESULTS.md even for a --quick / --only / --tools run
 *   --out NAME         results file bench/results/NAME.json (default: the date, with -quick / -partial)
 * The results JSON is rewritten after every row, so an interrupted run keeps what it measured.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { MODELS, TOOLS, type BenchModel, type Tool } from "./full/models.js";
import { loadAverage } from "./full/measure.js";
import { markdownSection, printTables, ratios, writeSection, type RunInfo } from "./full/report.js";
import { detectTools, notInstalled, runBrms, runHbayes, runJags, runLme4, runStan, type Row, type Settings } from "./full/tools.js";

const repo = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");
const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const quick = flag("quick");
const only = option("only")?.split(",");
const tools = (option("tools")?.split(",") ?? [...TOOLS]) as Tool[];
for (const t of tools) if (!(TOOLS as readonly string[]).includes(t)) throw new Error(`bench: --tools must list some of ${TOOLS.join(", ")}, got "${t}"`);
for (const id of only ?? []) if (!MODELS.some((m) => m.id === id)) throw new Error(`bench: --only names no model "${id}"; models are ${MODELS.map((m) => m.id).join(", ")}`);
const settings: Settings = {
  chains: Number(option("chains") ?? 4),
  warmup: Number(option("warmup") ?? (quick ? 500 : 1000)),
  draws: Number(option("draws") ?? (quick ? 500 : 1000)),
  seed: Number(option("seed") ?? 1),
  timeoutS: Number(option("timeout") ?? 3600),
};
const models = MODELS.filter((m) => (only ? only.includes(m.id) : !quick || m.quick));
const paths = { repo, cache: `${repo}/tmp/bench` };

const installed = detectTools();
const loadStart = loadAverage();
console.log(`bench: ${models.length} models × ${tools.join(", ")}; ${settings.chains} chains × (${settings.warmup} + ${settings.draws}); load ${loadStart}`);
console.log(`installed: rstan ${installed.rstan}, brms ${installed.brms}, lme4 ${installed.lme4}, jags ${installed.jags}`);

async function runRow(m: BenchModel, tool: Tool): Promise<Row | null> {
  switch (tool) {
    case "hbayes":
      return runHbayes(m, paths, settings);
    case "stan":
      if (!m.stan) return null;
      return installed.rstan ? runStan(m, paths, settings) : notInstalled(m, tool, "rstan");
    case "brms":
      if (!m.brms) return null;
      return installed.brms ? runBrms(m, paths, settings) : notInstalled(m, tool, "brms");
    case "lme4":
      if (!m.lme4) return null;
      return installed.lme4 ? runLme4(m, paths, settings) : notInstalled(m, tool, "lme4");
    case "jags":
      if (!m.jags) return null;
      return installed.jags ? runJags(m, paths, settings) : notInstalled(m, tool, "JAGS (jags + rjags)");
  }
}

const rows: Row[] = [];
const date = new Date().toISOString().slice(0, 10);
const partial = quick || only !== undefined || option("tools") !== undefined;
const name = option("out") ?? `${date}${quick ? "-quick" : ""}${partial && !quick ? "-partial" : ""}`;
mkdirSync(`${repo}/bench/results`, { recursive: true });
const save = (info: Partial<RunInfo>) =>
  writeFileSync(`${repo}/bench/results/${name}.json`, `${JSON.stringify({ schema: 1, info, rows, ratios: ratios(rows) }, null, 2)}\n`);

for (const m of models) {
  for (const tool of tools) {
    const row = await runRow(m, tool);
    if (!row) continue;
    rows.push(row);
    const brief = row.status === "ok"
      ? `total ${row.total_s?.toFixed(2)} s, ${row.us_per_gradient?.toFixed(2) ?? "–"} µs/grad, min ESS ${row.min_ess_bulk?.toFixed(0) ?? "–"}, RSS ${row.peak_rss_mb?.toFixed(0)} MB`
      : `${row.status}${row.note ? `: ${row.note}` : ""}`;
    console.log(`  ${m.id.padEnd(26)} ${tool.padEnd(7)} ${brief}`);
    save({ date, settings: { chains: settings.chains, warmup: settings.warmup, draws: settings.draws, seed: settings.seed }, load_start: loadStart });
  }
}

const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown CPU";
const nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim());
const command = `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
const info: RunInfo = {
  date,
  command,
  machine: cpu,
  nproc,
  node: process.version,
  versions: { Node: process.version, ...Object.fromEntries(Object.entries(installed.versions).map(([k, v]) => [k, v])) },
  settings: { chains: settings.chains, warmup: settings.warmup, draws: settings.draws, seed: settings.seed },
  load_start: loadStart,
  load_end: loadAverage(),
};

console.log(`\n${printTables(rows)}`);
save(info);
console.log(`\nwrote bench/results/${name}.json`);
if ((!partial || flag("md")) && !flag("no-md")) {
  writeSection(`${repo}/bench/RESULTS.md`, "full", markdownSection(info, rows));
  console.log("updated bench/RESULTS.md (section full)");
}
