/**
 * Hierarchical centring by the group-level linear predictor. After absorbLocation.ts a formula
 * program's group intercept is a_j = Intercept + r_j ~ N(Intercept, sd) beside `X b` in the linear
 * predictor. A population predictor that is constant within every group (epilepsy's zAge, zBase and
 * Trt per patient; grouseticks' YEAR and HEIGHT per brood) then leaves b_k on a ridge with the a_j:
 * the data pin a_j + x_jk b_k, and only the prior a_j ~ N(Intercept, sd) pins the split — the ridge
 * that centring removed for the Intercept, back for every such b_k. Gelfand, Sahu & Carlin (1995)'s
 * centring with covariates moves those columns into the group mean as well:
 *   a_j = Intercept + xg_j · b + r_j ~ N(Intercept + xg_j · b, sd),   η_i = Xw_i · b + a[g[i]],
 * with xg_j the group's values of the group-constant columns (0 elsewhere) and Xw the design with
 * those columns zeroed: the same density (a shift of a_j, Jacobian 1). The draws are put back with
 * r_j = a_j − Intercept − xg_j · b (restore.ts). With weight λ = 0 it is the non-centred form again,
 * so the pilot's λ carries over.
 */
import type { Expr, Program, ProgramData } from "../ir/types.js";
import type { LocationScaleCandidate } from "./detect.js";
import { isGatherOf, mapSums, withGroupMean } from "./absorbLocation.js";
import { bin, refersTo } from "./expr.js";

export interface GroupPredictors {
  readonly program: Program;
  readonly data: ProgramData;
  readonly candidate: LocationScaleCandidate;
  /** The coefficient vector's parameter id and the n × K group values (row-major; 0 for columns that vary within a group). */
  readonly coefficients: number;
  readonly xg: Float64Array;
  /** Which columns of the design moved into the group mean. */
  readonly columns: readonly number[];
}

type DotRow = Extract<Expr, { op: "dotRow" }>;

/**
 * Per column of the N × K matrix `x` (row-major; rows in groups with codes `by`, 1-based, n groups):
 * `constant[k]` 1 when its value is the same on every row of each group, `varies[k]` 1 when it also
 * differs between rows, and `xg` the n × K group values of the constant columns (0 elsewhere and for
 * a group without rows). The one scan behind both users: the centring here and src/pooling's
 * no-pooling model, which leaves such columns out.
 */
export function withinGroupConstant(x: ArrayLike<number>, K: number, by: ArrayLike<number>, n: number): { constant: Uint8Array; varies: Uint8Array; xg: Float64Array } {
  const N = by.length;
  if (x.length !== N * K) throw new RangeError(`withinGroupConstant: x must have ${N * K} values (${N} rows × ${K}), got ${x.length}`);
  const xg = new Float64Array(n * K);
  const constant = new Uint8Array(K);
  const varies = new Uint8Array(K);
  const seen = new Uint8Array(n);
  for (let k = 0; k < K; k++) {
    seen.fill(0);
    let same = true;
    let differs = false;
    let first = NaN;
    for (let i = 0; i < N && same; i++) {
      const j = by[i] - 1;
      const v = x[i * K + k];
      if (i === 0) first = v;
      else if (v !== first) differs = true;
      if (seen[j] === 0) {
        seen[j] = 1;
        xg[j * K + k] = v;
      } else if (xg[j * K + k] !== v) same = false;
    }
    constant[k] = same ? 1 : 0;
    varies[k] = differs ? 1 : 0;
    if (!same) for (let j = 0; j < n; j++) xg[j * K + k] = 0;
  }
  return { constant, varies, xg };
}

/**
 * Columns of the N × K matrix `x` whose value is the same on every row of a group (codes `by`,
 * 1-based, n groups) and differs between groups: their n × K group values (other columns 0).
 */
export function groupConstantColumns(x: ArrayLike<number>, K: number, by: ArrayLike<number>, n: number): { columns: number[]; xg: Float64Array } {
  const { constant, varies, xg } = withinGroupConstant(x, K, by, n);
  const columns: number[] = [];
  for (let k = 0; k < K; k++) {
    if (constant[k] === 1 && varies[k] === 1) columns.push(k);
    else for (let j = 0; j < n; j++) xg[j * K + k] = 0;
  }
  return { columns, xg };
}

/**
 * θ = `c` as absorbLocation returned it (prior θ ~ normal(location, scale), sampled non-centred),
 * every gather of θ in a sum with one `dotRow(X, b)` of the same design and coefficients: the program
 * with X's group-constant columns moved into θ's mean, or null (no such columns, another shape).
 */
export function absorbGroupPredictors(program: Program, data: ProgramData, c: LocationScaleCandidate): GroupPredictors | null {
  const theta = c.param;
  const exprs: Expr[] = [];
  for (const [k, st] of program.statements.entries()) {
    if (k === c.statement) continue;
    if (st.kind === "distribution") exprs.push(st.lhs, ...st.args);
    else if (st.kind === "target") exprs.push(st.expr);
  }
  for (const g of program.generated ?? []) if (g.kind === "rng") exprs.push(...g.args);
  let dot: DotRow | null = null;
  let by = -1;
  let shapeOk = true;
  for (const e of exprs) {
    mapSums(e, theta, (terms) => {
      const dots = terms.filter((t): t is DotRow => t.op === "dotRow" && t.src === "param");
      const gathers = terms.filter((t) => isGatherOf(t, theta)) as Extract<Expr, { op: "gather" }>[];
      if (dots.length !== 1 || gathers.length !== 1) shapeOk = false;
      else {
        if (dot === null) dot = dots[0];
        else if (dot.matrix !== dots[0].matrix || dot.id !== dots[0].id) shapeOk = false;
        if (by < 0) by = gathers[0].by;
        else if (by !== gathers[0].by) shapeOk = false;
      }
      return null;
    });
  }
  const d = dot as DotRow | null;
  if (!shapeOk || d === null || by < 0) return null;
  const b = program.params[d.id];
  // b must be declared before θ (θ's offset may read only earlier parameters) and read X nowhere else.
  if (!(d.id < theta) || b.shape.kind !== "vector") return null;
  const dims = program.data[d.matrix].dims;
  if (dims.length !== 2 || dims[1] !== b.shape.n) return null;
  const [N, K] = dims;
  const codes = data[by];
  if (codes.length !== N) return null;
  // Derived for b read by the means only: a scale that reads b is refused (before the copies below).
  if (refersTo(c.scale, "param", d.id)) return null;
  const { columns, xg } = groupConstantColumns(data[d.matrix], K, codes, c.n);
  if (columns.length === 0) return null;
  const xw = Float64Array.from(data[d.matrix]);
  for (let i = 0; i < N; i++) for (const k of columns) xw[i * K + k] = 0;
  const wSlot = program.data.length;
  const gSlot = wSlot + 1;
  const within: Expr = { op: "dotRow", matrix: wSlot, src: "param", id: d.id };
  const swap = (terms: Expr[]): Expr[] => terms.map((t) => (t.op === "dotRow" && t.src === "param" && t.matrix === d.matrix && t.id === d.id ? within : t));
  const loc = bin("add", c.loc, { op: "dotRow", matrix: gSlot, src: "param", id: d.id });
  const moved = withGroupMean(program, c, loc, swap);
  return {
    program: { ...moved, data: [...program.data, { name: `${c.name}.Xw__`, type: "real", dims: [N, K] }, { name: `${c.name}.Xg__`, type: "real", dims: [c.n, K] }] },
    data: [...data, xw, xg],
    candidate: { ...c, loc },
    coefficients: d.id,
    xg,
    columns,
  };
}
