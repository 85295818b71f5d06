/**
 * The brms validation cases: models.json (formula, family, explicit priors shared with the R script),
 * the exported data sets read as brms reads them (listed columns as factors), the stored brms
 * reference summaries, and the agreement check used by the tests and by compare.ts.
 */
import { readFileSync, existsSync } from "node:fs";
import { readCsvFile } from "../../src/io/readCsvFile.js";
import type { SummaryRow } from "../../src/posterior/summary.js";

const here = new URL(".", import.meta.url);

export interface BrmsCase {
  readonly name: string;
  readonly data: string;
  readonly factors: readonly string[];
  readonly formula: string;
  readonly family: string;
  readonly priors: readonly string[];
  readonly covers: string;
  /** Another case whose brms reference this one shares (cbind vs trials: brms has no cbind). */
  readonly reference?: string;
}

export interface BrmsSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
}

export interface RefRow {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
  readonly mcse_mean: number;
  readonly ess_bulk: number;
  readonly ess_tail: number;
  readonly rhat: number;
}

export interface BrmsReference {
  readonly name: string;
  readonly formula: string;
  readonly family: string;
  readonly priors: readonly string[];
  readonly settings: BrmsSettings & { readonly cores: number };
  readonly timing: {
    readonly compile_s: number;
    readonly sample_wall_s: number;
    readonly summary_s: number;
    readonly warmup_s: number;
    readonly sampling_s: number;
    readonly loadavg_compile: readonly number[];
    readonly loadavg_sample: readonly number[];
  };
  readonly diagnostics: { readonly divergences: number; readonly leapfrogs_sampling: number };
  readonly min_ess_bulk: number;
  readonly max_rhat: number;
  readonly parameters: readonly RefRow[];
}

export function loadSpec(): { settings: BrmsSettings; models: BrmsCase[] } {
  return JSON.parse(readFileSync(new URL("models.json", here), "utf8")) as { settings: BrmsSettings; models: BrmsCase[] };
}

export function findCase(name: string): BrmsCase {
  const c = loadSpec().models.find((m) => m.name === name);
  if (!c) throw new Error(`brms validation: no case named ${name}`);
  return c;
}

/**
 * The CSV as a column record, with the case's factor columns as text: brms sees `factor(x)` of the
 * same column, so level labels (and hence b_ and r_ names) agree even where labels look like numbers.
 */
export function loadCaseData(c: BrmsCase): Record<string, (number | string | null)[]> {
  const table = readCsvFile(new URL(`data/${c.data}.csv`, here).pathname);
  const out: Record<string, (number | string | null)[]> = {};
  for (const name of table.names) {
    const col = table.columns[name];
    const asText = c.factors.includes(name);
    if (col.kind === "numeric") {
      out[name] = Array.from(col.values, (v) => (Number.isNaN(v) ? null : asText ? String(v) : v));
    } else {
      out[name] = col.values.slice();
    }
  }
  return out;
}

export function referencePath(c: BrmsCase): URL {
  return new URL(`reference/${c.reference ?? c.name}.json`, here);
}

export function hasReference(c: BrmsCase): boolean {
  return existsSync(referencePath(c));
}

export function loadReference(c: BrmsCase): BrmsReference {
  return JSON.parse(readFileSync(referencePath(c), "utf8")) as BrmsReference;
}

export interface ParameterCheck {
  readonly name: string;
  readonly ours: SummaryRow | null;
  readonly ref: RefRow;
  /** (mean_ours − mean_ref) / sqrt(mcse_ours² + mcse_ref²). */
  readonly z: number;
  /** sd_ours / sd_ref − 1. */
  readonly sdRelErr: number;
  readonly ok: boolean;
}

export interface CaseCheck {
  readonly pass: boolean;
  readonly worstZ: number;
  readonly worstSd: number;
  readonly missing: readonly string[];
  /** hbayes outputs that brms does not report under the same name. */
  readonly extra: readonly string[];
  readonly failures: readonly ParameterCheck[];
  readonly checks: readonly ParameterCheck[];
}

/**
 * Every parameter brms reports must exist in hbayes under the same name and agree: the means within
 * `zMax` combined Monte Carlo standard errors (4 by default: a two-sided 6e-5 chance per parameter
 * under agreement, so a case with ~100 parameters passes by chance with probability > 0.99), and the
 * posterior sds within `sdTol` relative error (10 %: the sd of an sd estimate from ESS ≥ 400 draws is
 * about 1/sqrt(2·400) ≈ 3.5 %, so 10 % is ≈ 3 of those).
 */
export function checkAgainstReference(rows: readonly SummaryRow[], ref: BrmsReference, zMax = 4, sdTol = 0.1): CaseCheck {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const refNames = new Set(ref.parameters.map((p) => p.name));
  const checks: ParameterCheck[] = [];
  const missing: string[] = [];
  for (const p of ref.parameters) {
    const ours = byName.get(p.name) ?? null;
    if (!ours) {
      missing.push(p.name);
      continue;
    }
    const z = (ours.mean - p.mean) / Math.sqrt(ours.mcse_mean ** 2 + p.mcse_mean ** 2);
    const sdRelErr = ours.sd / p.sd - 1;
    checks.push({ name: p.name, ours, ref: p, z, sdRelErr, ok: Math.abs(z) < zMax && Math.abs(sdRelErr) < sdTol });
  }
  const extra = rows.map((r) => r.name).filter((n) => !refNames.has(n));
  const failures = checks.filter((c) => !c.ok);
  const worstZ = checks.reduce((m, c) => Math.max(m, Math.abs(c.z)), 0);
  const worstSd = checks.reduce((m, c) => Math.max(m, Math.abs(c.sdRelErr)), 0);
  return { pass: failures.length === 0 && missing.length === 0, worstZ, worstSd, missing, extra, failures, checks };
}
