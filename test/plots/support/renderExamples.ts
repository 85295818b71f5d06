/**
 * Writes the example plots to a folder for looking at them (not a test):
 *   npx tsx test/plots/support/renderExamples.ts /tmp/hb-plots
 *   for f in /tmp/hb-plots/*.svg; do rsvg-convert -z 1.5 "$f" -o "${f%.svg}.png"; done
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { examples } from "./examples.js";

const dir = process.argv[2] ?? "/tmp/hb-plots";
mkdirSync(dir, { recursive: true });
const all = await examples();
for (const [name, svg] of Object.entries(all)) writeFileSync(join(dir, `${name}.svg`), svg);
console.log(`wrote ${Object.keys(all).length} plots to ${dir}`);
