// Simulates the vaccine-platform data set (run: npx tsx examples/vaccine-platforms/simulate.ts).
// Each subject's log neutralising-antibody titre 28 days after vaccination is drawn around the mean
// of their platform with a common between-subject sd. Four platforms come from trials of 30–40
// subjects; the DNA platform only from a 4-subject pilot, so on its own its mean is barely known.
// The true platform means are chosen (not drawn) and written beside the data in truth.json.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRng, normalRng } from "../../src/random/index.js";

export const TRUTH = {
  seed: 20240611,
  /** Residual (between-subject) sd of the log titre. */
  sigma: 1.0,
  platforms: {
    mRNA: { mean: 7.0, n: 40 },
    "viral-vector": { mean: 6.1, n: 35 },
    "protein-subunit": { mean: 6.6, n: 30 },
    inactivated: { mean: 5.4, n: 35 },
    DNA: { mean: 5.9, n: 4 },
  },
} as const;

export function simulate(): { subject: string[]; platform: string[]; log_titre: number[] } {
  const rng = createRng(TRUTH.seed);
  const subject: string[] = [];
  const platform: string[] = [];
  const logTitre: number[] = [];
  for (const [name, { mean, n }] of Object.entries(TRUTH.platforms)) {
    for (let i = 0; i < n; i++) {
      subject.push(`s${String(subject.length + 1).padStart(3, "0")}`);
      platform.push(name);
      logTitre.push(Number(normalRng(rng, mean, TRUTH.sigma).toFixed(3)));
    }
  }
  return { subject, platform, log_titre: logTitre };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const d = simulate();
  const rows = d.subject.map((s, i) => `${s},${d.platform[i]},${d.log_titre[i]}`);
  writeFileSync(new URL("./data.csv", import.meta.url), `subject,platform,log_titre\n${rows.join("\n")}\n`);
  writeFileSync(new URL("./truth.json", import.meta.url), `${JSON.stringify(TRUTH, null, 2)}\n`);
}
