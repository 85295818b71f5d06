/**
 * Finds two gaussian varying intercepts in one likelihood that can be integrated out together
 * (normalCrossed.ts): crossed, `y ~ x + (1 | a) + (1 | b)`, or nested, `(1 | school/class)`, which the
 * formula layer writes as two intercept terms. The likelihood must be
 *   y ~ normal((terms linear in data, linearEta.ts) + α[a[i]] + γ[b[i]], σ)
 * with y real data, one scalar σ, and α ~ normal(loc_a, τ_a), γ ~ normal(loc_b, τ_b) vector parameters
 * with scalar population arguments that read neither intercept. α and γ must be read by their priors
 * and this likelihood only. Anything else — a slope in either term, a third grouping, a per-row σ, a
 * non-gaussian family — is left as written (the single-group detectors see it as before).
 */
import type { Expr, Program, ProgramData, Statement } from "../ir/types.js";
import { otherUses, refersTo, transformRefersTo } from "../reparam/expr.js";
import { exprLength, groupCodes, hasWeightedOrCensored } from "./detect.js";
import { linearEta } from "./linearEta.js";

/**
 * Largest min(J_a, J_b) integrated out. A gradient costs O(Σ_j nnz_j² + J_S³) (the Schur complement
 * and its factor) whatever the number of rows, the model as written O(n). Measured (CPU µs per
 * gradient, test/slow/marginal/crossedMeasure.ts grad; random crossed designs with J_L = 1.5 J_S):
 * J_S = 30 (5,000 rows) 80 vs 9; J_S = 50 (5,000 rows) 228 vs 9; J_S = 100 (5,000–15,000 rows)
 * 770–1350 vs 10–27, i.e. 50–80×; J_S = 150: 100×; J_S = 200: 156×. The marginal's gain in bulk ESS
 * per gradient was 140× (sds) and 190× (group effects) at 50 × 30 with 5,000 rows, so above J_S ≈ 100
 * the dense Schur complement no longer pays for itself and the model is sampled as written.
 * Checked on real data (session 6, test/slow/marginal/crossedLimit.ts: InstEval's first S students ×
 * their lecturers, 4 × (1000 + 1000), ESS per CPU second of the slowest parameter, as written with the
 * pilot's non-centring vs integrated out past this limit): S = 25: 212 vs 241; 50: 420 vs 299;
 * 100: 323 vs 77; 150: 196 vs 24; 200: 160 vs 9.6; 300: 101 vs 3.2 — the marginal gives 11–20× the ESS
 * per gradient (6–11 gradients an iteration against 30–47, and 2–4× the ESS) but its gradient costs
 * 10–630× more CPU (0.79 / 2.5 / 5.5 / 18 ms at S = 100 / 150 / 200 / 300, ∝ J_S³). It never wins
 * clearly above 100, so the limit stays; on a design that samples this well as written it already
 * loses from ~50 (bench/RESULTS.md, "session 6: crossed limit").
 */
export const CROSSED_MAX_SMALL = 100;

export interface CrossedCandidate {
  readonly likelihood: number;
  /** Parameter ids of the two intercepts (α first: the lower id), their prior statements and sizes. */
  readonly params: readonly [number, number];
  readonly priors: readonly [number, number];
  readonly groups: readonly [number, number];
  /** 0-based level of each observation in each factor. */
  readonly group: readonly [Int32Array, Int32Array];
  /** y − offset (n) and X (n × K) of the linear terms. */
  readonly y: Float64Array;
  readonly x: Float64Array;
  readonly coefs: readonly Expr[];
  readonly sigma: Expr;
  readonly loc: readonly [Expr, Expr];
  readonly scale: readonly [Expr, Expr];
}

type Dist = Extract<Statement, { kind: "distribution" }>;

function addTerms(e: Expr): Expr[] {
  return e.op === "binary" && e.fn === "add" ? [...addTerms(e.a), ...addTerms(e.b)] : [e];
}

/** The normal prior statement of vector parameter p, or −1. */
function normalPrior(program: Program, p: number, J: number): number {
  return program.statements.findIndex(
    (st) => st.kind === "distribution" && st.family === "normal" && st.n === J && st.lhs.op === "ref" && st.lhs.src === "param" && st.lhs.id === p,
  );
}

/** A pair that qualifies but for its size: what the fit's report names. */
export interface CrossedOverLimit {
  readonly params: readonly [number, number];
  readonly groups: readonly [number, number];
}

type Tried = { readonly fits: CrossedCandidate } | { readonly over: CrossedOverLimit } | null;

function tryLikelihood(program: Program, data: ProgramData, li: number, maxSmall: number): Tried {
  const st = program.statements[li] as Dist;
  const n = st.n;
  if (st.lhs.op !== "ref" || st.lhs.src !== "data" || program.data[st.lhs.id].dims.length !== 1 || data[st.lhs.id].length !== n) return null;
  const sigma = st.args[1];
  if (exprLength(program, sigma, n) !== 0) return null;
  const terms = addTerms(st.args[0]);
  const gathers = terms.filter((t) => t.op === "gather" && t.src === "param") as Extract<Expr, { op: "gather" }>[];
  if (gathers.length !== 2 || gathers[0].id === gathers[1].id) return null;
  const [ga, gb] = gathers[0].id < gathers[1].id ? gathers : [gathers[1], gathers[0]];
  const ids = [ga.id, gb.id] as const;
  const reads = (e: Expr) => refersTo(e, "param", ids[0]) || refersTo(e, "param", ids[1]);
  const rest = terms.filter((t) => t !== ga && t !== gb);
  if (rest.some(reads) || reads(sigma)) return null;
  const sizes: number[] = [];
  const priors: number[] = [];
  const groups: Int32Array[] = [];
  for (const [k, g] of [ga, gb].entries()) {
    const p = program.params[g.id];
    if (p.shape.kind !== "vector" || (p.transform.kind !== "identity" && p.transform.kind !== "offsetMultiplier")) return null;
    if (transformRefersTo(p.transform, "param", ids[1 - k])) return null;
    const J = p.shape.n;
    const prior = normalPrior(program, g.id, J);
    if (prior < 0) return null;
    const args = (program.statements[prior] as Dist).args;
    if (args.some((a) => reads(a) || exprLength(program, a, J) !== 0)) return null;
    if (otherUses(program, g.id, [prior, li]) !== 0) return null;
    const codesK = groupCodes(data, g.by, n, J);
    if (codesK === null) return null;
    sizes.push(J);
    priors.push(prior);
    groups.push(codesK);
  }
  const eta = rest.length === 0 ? null : rest.reduce((a, b) => ({ op: "binary", fn: "add", a, b }));
  const lin = linearEta(program, data, eta, n);
  if (lin === null) return null;
  if (Math.min(sizes[0], sizes[1]) > maxSmall) return { over: { params: ids, groups: [sizes[0], sizes[1]] } };
  const K = lin.coefs.length;
  const x = new Float64Array(n * K);
  lin.columns.forEach((col, k) => col.forEach((v, i) => (x[i * K + k] = v)));
  const prior = (k: number) => (program.statements[priors[k]] as Dist).args;
  const fits: CrossedCandidate = {
    likelihood: li,
    params: ids,
    priors: [priors[0], priors[1]],
    groups: [sizes[0], sizes[1]],
    group: [groups[0], groups[1]],
    y: Float64Array.from(data[st.lhs.id], (v, i) => v - lin.offset[i]),
    x,
    coefs: lin.coefs,
    sigma,
    loc: [prior(0)[0], prior(1)[0]],
    scale: [prior(0)[1], prior(1)[1]],
  };
  return { fits };
}

/**
 * The first gaussian likelihood (in program order) with two intercepts to integrate out together, or
 * null; and, when there is none, the first pair that qualified but for its size (`overLimit`), so the
 * report can say why it was sampled as written without a second search.
 */
export function findCrossed(program: Program, data: ProgramData, maxSmall = CROSSED_MAX_SMALL): { candidate: CrossedCandidate | null; overLimit: CrossedOverLimit | null } {
  if (hasWeightedOrCensored(program)) return { candidate: null, overLimit: null };
  let overLimit: CrossedOverLimit | null = null;
  for (let li = 0; li < program.statements.length; li++) {
    const st = program.statements[li];
    if (st.kind !== "distribution" || st.family !== "normal") continue;
    const t = tryLikelihood(program, data, li, maxSmall);
    if (t === null) continue;
    if ("fits" in t) return { candidate: t.fits, overLimit: null };
    overLimit ??= t.over;
  }
  return { candidate: null, overLimit };
}
