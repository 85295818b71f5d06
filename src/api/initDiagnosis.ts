/**
 * Why no initial point works, in the names the user wrote. The sampler's init knows only
 * coordinates of the unconstrained vector; here the compiled model's parameter layout (uOff, uSize,
 * name) maps them back: a parameter is to blame when replacing its coordinates alone by typical
 * values makes the log density finite, or when its gradient coordinates are not finite.
 */
import type { ParamLayout } from "../compiler/layout.js";
import type { Rng } from "../random/rng.js";

export interface DiagnosableModel {
  readonly dim: number;
  readonly params: readonly ParamLayout[];
  logDensityGradient(theta: Float64Array, gradOut: Float64Array): number;
}

/** Constant blocks tried in place of one parameter (unconstrained scale): zero, then both signs. */
const TYPICAL = [0, 1, -1, 0.5, -0.5, 2, -2] as const;
/** Random points tried when no initial point was given, as the sampler draws them: uniform(−2, 2). */
export const DIAGNOSIS_POINTS = 10;
const INIT_RADIUS = 2;

export interface PointDiagnosis {
  /** Log density and gradient finite: a usable initial point. */
  readonly usable: boolean;
  /** Parameters whose coordinates alone make the log density non-finite here. */
  readonly valueCulprits: readonly string[];
  /** Parameters with a non-finite gradient coordinate here. */
  readonly gradientCulprits: readonly string[];
}

function evaluate(m: DiagnosableModel, theta: Float64Array, grad: Float64Array): number {
  try {
    return m.logDensityGradient(theta, grad);
  } catch {
    // A throw is a failure like −∞ for diagnosis: the error itself reaches the user from the sampler.
    return Number.NaN;
  }
}

export function diagnosePoint(m: DiagnosableModel, theta: Float64Array): PointDiagnosis {
  const grad = new Float64Array(m.dim);
  const lp = evaluate(m, theta, grad);
  const gradientCulprits = m.params.filter((p) => {
    for (let i = p.uOff; i < p.uOff + p.uSize; i++) if (!Number.isFinite(grad[i])) return true;
    return false;
  }).map((p) => p.name);
  if (Number.isFinite(lp) && gradientCulprits.length === 0) return { usable: true, valueCulprits: [], gradientCulprits: [] };
  const valueCulprits: string[] = [];
  if (!Number.isFinite(lp)) {
    const q = Float64Array.from(theta);
    for (const p of m.params) {
      const fixes = TYPICAL.some((c) => {
        q.fill(c, p.uOff, p.uOff + p.uSize);
        return Number.isFinite(evaluate(m, q, grad));
      });
      q.set(theta.subarray(p.uOff, p.uOff + p.uSize), p.uOff);
      if (fixes) valueCulprits.push(p.name);
    }
  }
  return { usable: false, valueCulprits, gradientCulprits: Number.isFinite(lp) ? gradientCulprits : [] };
}

/** True when some typical constant point (every coordinate equal) has a finite log density. */
function finiteSomewhere(m: DiagnosableModel): boolean {
  const q = new Float64Array(m.dim);
  const grad = new Float64Array(m.dim);
  return TYPICAL.some((c) => Number.isFinite(evaluate(m, q.fill(c), grad)));
}

function tally(names: readonly string[][]): [string, number][] {
  const counts = new Map<string, number>();
  for (const list of names) for (const n of list) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/**
 * Explains non-finite initial points in words, or returns null when the points are usable (the
 * failure had another cause). `points`: the user's initial points, or null to draw random ones.
 */
export function explainInitFailure(m: DiagnosableModel, points: readonly Float64Array[] | null, rng: Rng, displayName: (param: string) => string): string | null {
  const given = points !== null;
  const tried =
    points ??
    Array.from({ length: DIAGNOSIS_POINTS }, () => Float64Array.from({ length: m.dim }, () => -INIT_RADIUS + 2 * INIT_RADIUS * rng.uniform()));
  const results = tried.map((t) => diagnosePoint(m, t));
  const bad = results.filter((r) => !r.usable);
  // Random points: only a systematic failure is explained (one good point means the model can start).
  if (bad.length === 0 || (!given && bad.length < results.length)) return null;
  const where = given ? `${bad.length} of ${results.length} given initial point${results.length === 1 ? "" : "s"}` : `${bad.length} of ${results.length} random points`;
  const byValue = tally(bad.map((r) => [...r.valueCulprits]));
  const byGradient = tally(bad.map((r) => [...r.gradientCulprits]));
  const parts: string[] = [];
  if (byValue.length > 0) {
    const list = byValue.map(([n, k]) => `"${displayName(n)}" (${k} of ${bad.length})`).join(", ");
    parts.push(
      `the log density is not finite because of parameter ${list}: with that parameter alone set to typical values it becomes finite. ` +
        `Check its constraint (a rate, scale or probability needs { lower: 0 } or { lower: 0, upper: 1 }) and the prior and likelihood arguments it feeds; ` +
        `if it multiplies very large data values (say beyond 1e150) the product overflows: rescale those data`,
    );
  }
  if (byGradient.length > 0) {
    const list = byGradient.map(([n, k]) => `"${displayName(n)}" (${k} of ${bad.length})`).join(", ");
    parts.push(`the gradient is not finite with respect to ${list}: look for a log, sqrt or division at zero in what it feeds`);
  }
  if (parts.length === 0) {
    parts.push(
      finiteSomewhere(m)
        ? "no single parameter is to blame: several are outside their support together; give initial values (init) inside the support"
        : "the log density is not finite even with every parameter at typical values, so the data or a constant argument is outside a distribution's support " +
          "(for example a negative or zero scale given as data, or a count outside its range), or a data value is so large that it overflows (a value like 1e308 squared is infinite: rescale the data)",
    );
  }
  return `At ${where}: ${parts.join("; ")}.`;
}
