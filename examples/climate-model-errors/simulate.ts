// Simulates a multi-model, multi-scenario ensemble (run: npx tsx examples/climate-model-errors/simulate.ts).
// Eight climate models each run four emission scenarios three times (initial-condition members). The
// response is regional warming by late century (°C, 2081–2100 against 1995–2014). Warming is the sum of
// a grand mean, a model effect (the model's climate sensitivity), a scenario effect (forcing), a model ×
// scenario interaction (a model responds differently to, e.g., aerosol-heavy scenarios) and internal
// variability between members. Model effects, interactions and members are drawn; the scenario effects
// are fixed at values shaped like CMIP6 warming levels (ordered by forcing, centred on 0), because four
// drawn values would come out in a random order. Their sd (n − 1 divisor) is recorded as sd_scenario.
// The realised effects are written to truth.json beside the sds.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRng, normalRng } from "../../src/random/index.js";

export const MODELS = ["ACCESS", "CanESM", "CESM", "CNRM", "GFDL", "IPSL", "MIROC", "MPI"] as const;
export const SCENARIOS = ["ssp126", "ssp245", "ssp370", "ssp585"] as const;
export const MEMBERS = 3;
/** Fixed scenario effects (°C around the grand mean), low to high forcing. */
export const SCENARIO_EFFECT = [-1.3, -0.3, 0.5, 1.1] as const;
/** The sd of the four fixed scenario effects (n − 1 divisor): √(3.24 / 3) = 1.039. */
const SD_SCENARIO = Math.sqrt(SCENARIO_EFFECT.reduce((a, v) => a + v * v, 0) / (SCENARIO_EFFECT.length - 1));
export const TRUTH = { mean: 3, sd_model: 0.6, sd_scenario: Number(SD_SCENARIO.toFixed(4)), sd_interaction: 0.25, sigma: 0.15, seed: 20250704 } as const;

export interface Ensemble {
  model: string[];
  scenario: string[];
  member: number[];
  warming: number[];
  realised: { model: Record<string, number>; scenario: Record<string, number>; sd_model: number; sd_scenario: number; sd_interaction: number; sigma: number };
}

/** Sample sd (n − 1 divisor) about the sample mean. */
function sdOf(x: readonly number[]): number {
  const m = x.reduce((a, v) => a + v, 0) / x.length;
  return Math.sqrt(x.reduce((a, v) => a + (v - m) ** 2, 0) / (x.length - 1));
}

export function simulate(): Ensemble {
  const rng = createRng(TRUTH.seed);
  const round = (x: number) => Number(x.toFixed(4));
  const m = MODELS.map(() => normalRng(rng, 0, TRUTH.sd_model));
  const s = SCENARIO_EFFECT;
  const out: Ensemble = { model: [], scenario: [], member: [], warming: [], realised: { model: {}, scenario: {}, sd_model: 0, sd_scenario: 0, sd_interaction: 0, sigma: 0 } };
  const cells: number[] = [];
  const noise: number[] = [];
  MODELS.forEach((name, i) => (out.realised.model[name] = round(m[i])));
  SCENARIOS.forEach((name, j) => (out.realised.scenario[name] = round(s[j])));
  for (let i = 0; i < MODELS.length; i++) {
    for (let j = 0; j < SCENARIOS.length; j++) {
      const ms = normalRng(rng, 0, TRUTH.sd_interaction);
      cells.push(ms);
      for (let k = 1; k <= MEMBERS; k++) {
        out.model.push(MODELS[i]);
        out.scenario.push(SCENARIOS[j]);
        out.member.push(k);
        // Two decimals: a hundredth of a degree, as such tables are published.
        const e = normalRng(rng, 0, TRUTH.sigma);
        noise.push(e);
        out.warming.push(Number((TRUTH.mean + m[i] + s[j] + ms + e).toFixed(2)));
      }
    }
  }
  // The sds of the effects actually drawn: with 8 models the data can only tell this, not the population value.
  out.realised.sd_model = round(sdOf(m));
  out.realised.sd_scenario = round(sdOf(s));
  out.realised.sd_interaction = round(sdOf(cells));
  out.realised.sigma = round(sdOf(noise));
  return out;
}

export function toCsv(d: Ensemble): string {
  return `model,scenario,member,warming\n${d.model.map((m, i) => `${m},${d.scenario[i]},${d.member[i]},${d.warming[i]}`).join("\n")}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const d = simulate();
  writeFileSync(new URL("./data.csv", import.meta.url), toCsv(d));
  writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify({ ...TRUTH, members: MEMBERS, realised: d.realised }, null, 2)}\n`);
}
