/**
 * The targets of the adaptation study by name: `gauss10` (independent normals, scales 0.1 … 10) and
 * posteriordb posteriors compiled from their hbayes DSL models (examples/posteriordb/) with the data
 * of the reference files in /work/shared/reference/posteriordb/ ($HBAYES_POSTERIORDB_DIR overrides).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { POSTERIORDB_MODELS } from "../../../examples/posteriordb/index.js";
import { compileModel } from "../../../src/compiler/compile.js";
import type { LogDensity } from "../../../src/logDensity.js";
import { buildModel } from "../../../src/model/model.js";
import { GAUSS10_SCALES } from "../../inference/support/adaptStats.js";
import { stdNormal } from "../../inference/support/models.js";

export function targetOf(name: string): LogDensity {
  if (name === "gauss10") return stdNormal({ dim: 10, scales: [...GAUSS10_SCALES] });
  const entry = POSTERIORDB_MODELS[name];
  if (entry === undefined) throw new Error(`targetOf: no DSL model for posterior ${name}`);
  const dir = process.env.HBAYES_POSTERIORDB_DIR || "/work/shared/reference/posteriordb";
  const ref = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8"));
  const data = entry.fromPosteriordb ? entry.fromPosteriordb(ref.data) : ref.data;
  const built = buildModel(entry.model, data);
  return compileModel({ ...built.program, generated: [] }, built.data);
}
