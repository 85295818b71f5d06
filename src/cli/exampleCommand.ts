/**
 * `hbayes example <name>`: runs one of the worked examples in examples/ (loaded through tsx, so
 * they stay readable TypeScript), prints its summary and conclusion and writes its report.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { summarizeFit } from "../api/fitSummary.js";
import { UserError } from "../errors.js";
import { fitReport } from "./outputs.js";

interface ExampleModule {
  EXAMPLES: readonly { name: string; load(): Promise<{ title: string; run(o?: object): Promise<{ fit: import("../api/fitResult.js").Fit; conclusion: string }> }> }[];
}

async function loadGallery(): Promise<ExampleModule> {
  const url = new URL("../../examples/index.ts", import.meta.url);
  const { tsImport } = await import("tsx/esm/api");
  return (await tsImport(fileURLToPath(url), import.meta.url)) as ExampleModule;
}

export async function exampleCommand(name: string | undefined, o: { list?: boolean; out?: string; threads?: number }): Promise<void> {
  const gallery = await loadGallery();
  if (o.list || name === undefined) {
    for (const e of gallery.EXAMPLES) {
      const { title } = await e.load();
      process.stdout.write(`${e.name}\t${title}\n`);
    }
    return;
  }
  const entry = gallery.EXAMPLES.find((e) => e.name === name);
  if (!entry) {
    throw new UserError(`there is no example "${name}"; the examples are ${gallery.EXAMPLES.map((e) => e.name).join(", ")} (hbayes example --list)`);
  }
  const mod = await entry.load();
  process.stderr.write(`${mod.title}\n`);
  const outcome = await mod.run(o.threads !== undefined ? { threads: o.threads } : {});
  const summary = summarizeFit(outcome.fit);
  process.stdout.write(`${summary.table}\n\n${outcome.conclusion}\n`);
  for (const w of summary.warnings) process.stderr.write(`warning: ${w}\n`);
  const out = o.out ?? join("out", "examples", name);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "report.html"), await fitReport(outcome.fit, summary, `${mod.title}\n\n${outcome.conclusion}`));
  process.stderr.write(`wrote ${out}/report.html\n`);
}
