/**
 * `npm run bench` (= `tsx bench/run.ts`): hbayes and, where installed, rstan, brms, lme4 and JAGS on
 * the same models, data and priors (bench/full/models.ts), one child process per fit, measured the
 * same way (bench/full/measure.ts). Prints the table and the hbayes/other ratios, writes
 * bench/results/<date>.json and, for a full run, the "full" section of bench/RESULTS.md.
 *
 *   --quick            the models marked quick, 4 × (500 + 500)
 *   --only a,b         only these model ids
 *   --tools t,u        only these tools (hbayes, hbayes-plain, stan, brms, lme4, jags)
 *   --chains/--warmup/--draws/--seed N, --timeout S (per row, default 3600)
 *   --no-md            do not touch RESULTS.md
 *   --md               update RESULTS.md even for a --quick / --only / --tools run
 *   --out NAME         results file bench/results/NAME.json (default: the date, with -quick / -partial)
 *   --run LABEL        the run label on every row (default NAME); two processes started together with
 *                      the same label (e.g. one per tool on a long model) count as one run for ratios
 *   --budget t=W+D     a smaller run for tool t (e.g. jags=500+500); its rows say so
 *   --brms-cache       only build brms's compiled-model caches for the selected models (records
 *                      each cold compile time in its cache; samples nothing, writes no results)
 *   --md-add a,b       only merge these results files (bench/results/a.json, …) into RESULTS.md's
 *                      "full" section, after the runs it shows; runs nothing
 *   --md-fresh         RESULTS.md's "full" section keeps only this run's rows (default: merge with the
 *                      runs it already shows, by model × tool)
 * The results JSON is rewritten after every row, so an interrupted run keeps what it measured.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { MODELS, TOOLS, type BenchModel, type Tool } from "./full/models.js";
import { loadAverage } from "./full/measure.js";
import { markdownSection, mergeRuns, printTables, ratios, sectionSources, writeSection, type RunInfo, type RunSource } from "./full/report.js";
import { detectTools, notInstalled, runBrms, runHbayes, runJags, runLme4, runStan, type Budget, type Row, type Settings } from "./full/tools.js";

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
/** --budget jags=500+500,brms=…: warmup + draws for one tool. */
const budgets = new Map<string, { warmup: number; draws: number }>();
for (const b of option("budget")?.split(",") ?? []) {
  const m = /^([a-z0-9-]+)=(\d+)\+(\d+)$/.exec(b);
  if (!m || !(TOOLS as readonly string[]).includes(m[1])) throw new Error(`bench: --budget must be tool=WARMUP+DRAWS with a tool of ${TOOLS.join(", ")}, got "${b}"`);
  budgets.set(m[1], { warmup: Number(m[2]), draws: Number(m[3]) });
}
const settingsFor = (tool: Tool): Settings => ({ ...settings, ...budgets.get(tool) });
const models = MODELS.filter((m) => (only ? only.includes(m.id) : !quick || m.quick));
const paths = { repo, cache: `${repo}/tmp/bench` };

const installed = detectTools();
const loadStart = loadAverage();
console.log(`bench: ${models.length} models × ${tools.join(", ")}; ${settings.chains} chains × (${settings.warmup} + ${settings.draws}); load ${loadStart}`);
console.log(`installed: rstan ${installed.rstan}, brms ${installed.brms}, lme4 ${installed.lme4}, jags ${installed.jags}`);

async function runRow(m: BenchModel, tool: Tool): Promise<Row | null> {
  const settings = settingsFor(tool);
  switch (tool) {
    case "hbayes":
    case "hbayes-plain":
      return runHbayes(m, paths, settings, tool);
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

/**
 * Rewrites RESULTS.md's "full" section from the runs it already shows plus `files` (later wins,
 * merged by model × tool), or from `files` alone when fresh.
 */
function updateFullSection(files: readonly string[], fresh: boolean): void {
  const resultsMd = `${repo}/bench/RESULTS.md`;
  const earlier = fresh || !existsSync(resultsMd) ? [] : sectionSources(readFileSync(resultsMd, "utf8"));
  const all = [...earlier.filter((f) => !files.includes(f)), ...files];
  const runs: RunSource[] = all.flatMap((file) => {
    const path = `${repo}/bench/results/${file}`;
    if (!existsSync(path)) return [];
    const d = JSON.parse(readFileSync(path, "utf8")) as { info?: Partial<RunInfo>; rows?: Row[] };
    return [{ file, info: d.info ?? {}, rows: d.rows ?? [] }];
  });
  writeSection(resultsMd, "full", markdownSection(runs, mergeRuns(runs)));
  console.log(`updated bench/RESULTS.md (section full: rows of ${runs.map((r) => r.file).join(", ")})`);
}

if (option("md-add") !== undefined) {
  // Merge already written results files into the section without running anything.
  updateFullSection((option("md-add") as string).split(",").map((f) => (f.endsWith(".json") ? f : `${f}.json`)), flag("md-fresh"));
  process.exit(0);
}

if (flag("brms-cache")) {
  if (!installed.brms) throw new Error("bench: --brms-cache needs brms (bench/setup.sh)");
  for (const m of models.filter((x) => x.brms)) {
    const r = await runBrms(m, paths, settings, true);
    const what = r.status !== "ok" ? `${r.status}${r.note ? `: ${r.note}` : ""}` : r.compile_cached ? `cached (cold compile ${r.compile_s?.toFixed(1)} s)` : `compiled in ${r.compile_s?.toFixed(1)} s, peak RSS ${r.peak_rss_mb?.toFixed(0)} MB, load ${r.load_before}`;
    console.log(`  ${m.id.padEnd(26)} brms cache: ${what}`);
  }
  process.exit(0);
}

const rows: Row[] = [];
const started = new Date().toISOString();
const date = started.slice(0, 10);
const partial = quick || only !== undefined || option("tools") !== undefined;
const name = option("out") ?? `${date}${quick ? "-quick" : ""}${partial && !quick ? "-partial" : ""}`;
const runLabel = option("run") ?? name;
const standard = { chains: settings.chains, warmup: settings.warmup, draws: settings.draws, seed: settings.seed };
mkdirSync(`${repo}/bench/results`, { recursive: true });
const save = (info: Partial<RunInfo>) =>
  writeFileSync(`${repo}/bench/results/${name}.json`, `${JSON.stringify({ schema: 1, info, rows, ratios: ratios(rows) }, null, 2)}\n`);

for (const m of models) {
  for (const tool of tools) {
    const raw = await runRow(m, tool);
    if (!raw) continue;
    const s = settingsFor(tool);
    const budget: Budget = { chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed };
    const row: Row = { ...raw, run: runLabel, budget };
    rows.push(row);
    const brief = row.status === "ok"
      ? `total ${row.total_s?.toFixed(2)} s, ${row.us_per_gradient?.toFixed(2) ?? "–"} µs/grad, min ESS ${row.min_ess_bulk?.toFixed(0) ?? "–"}, RSS ${row.peak_rss_mb?.toFixed(0)} MB`
      : `${row.status}${row.note ? `: ${row.note}` : ""}`;
    console.log(`  ${m.id.padEnd(26)} ${tool.padEnd(12)} ${brief}`);
    save({ name: runLabel, date, started, settings: standard, load_start: loadStart });
  }
}

const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown CPU";
const nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim());
const command = `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
const info: RunInfo = {
  name: runLabel,
  date,
  started,
  command,
  machine: cpu,
  nproc,
  node: process.version,
  versions: { Node: process.version, ...Object.fromEntries(Object.entries(installed.versions).map(([k, v]) => [k, v])) },
  settings: standard,
  load_start: loadStart,
  load_end: loadAverage(),
};

console.log(`\n${printTables(rows, standard)}`);
save(info);
console.log(`\nwrote bench/results/${name}.json`);
if ((!partial || flag("md")) && !flag("no-md")) updateFullSection([`${name}.json`], flag("md-fresh"));
