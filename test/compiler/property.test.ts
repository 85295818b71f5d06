import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import type { ArrayRef, Expr, ParamBlock, Program, ProgramData, Statement, UnaryFn } from "../../src/ir/types.js";
import { createRng } from "../../src/random/rng.js";
import { CATEGORICAL_FAMILIES, FAMILY_SIGNATURES, ORDINAL_FAMILIES } from "../../src/ir/families.js";
import { linearStats, packLinearStats } from "../../src/marginal/normalLinear.js";
import { expectCentralDifferences } from "../support/finiteDifferences.js";

/**
 * Random IR programs over a fixed set of slots: N = 6 observations, J = 3 groups.
 * data 0: real y[N]; 1: int counts[N]; 2: int group[N] (1-based); 3: real X[N, 2]; 4: int binary[N]; 5: int trials[N];
 *      6: real Yd[2, J] (rows for multi_normal_cholesky); 7: real Lk[J, J] (a data Cholesky factor);
 *      8: int totals[J] (0, small, large: both rising-factorial routes); 9: real exposure[J] (one 0);
 *      10: int trialTotals[J] (≥ totals; one group all successes);
 *      11: real linStats[J, 11], 12: real linCentre[3] (normalLinearMarginal's statistics of y on X by group)
 * params 0: scalar a (identity); 1: scalar s (lower 0.5); 2: vector v[N] (offset a, multiplier s);
 *        3: vector w[J] (identity); 4: vector b[2] (interval [-2, -1], [3, 0.5]); 5: scalar q (upper [1]);
 *        6: ordered o[J]; 7: positive_ordered po[J]; 8: simplex sx[J]; 9: cholesky_factor_corr Lc[J];
 *        10: matrix B[2, J] (identity); 11: vector sc[J] (lower [0.2, 0.1, 0.3])
 * tparams 0: t[J] = random expression over w
 */
const N = 6;
const J = 3;
const ref = (src: "data" | "param" | "tparam", id: number): Expr => ({ op: "ref", src, id });

const SAFE_UNARY: UnaryFn[] = ["neg", "exp", "square", "invLogit", "logInvLogit", "log1mInvLogit", "Phi", "expm1"];
const POSITIVE_UNARY: UnaryFn[] = ["log", "sqrt", "lgamma", "log1p"];

/** Bounded leaves (all values in roughly [-3, 3]) keep exp and friends finite. */
function leaf(ctx: "N" | "J" | "scalar"): fc.Arbitrary<Expr> {
  const common: fc.Arbitrary<Expr>[] = [
    fc.double({ min: -2, max: 2, noNaN: true }).map((value) => ({ op: "const", value }) as Expr),
    fc.constant(ref("param", 0)),
    fc.constant(ref("param", 5)),
    fc.integer({ min: 0, max: 1 }).map((index) => ({ op: "elem", src: "param", id: 4, index }) as Expr),
    fc.integer({ min: 0, max: J - 1 }).map((index) => ({ op: "elem", src: "param", id: 3, index }) as Expr),
    fc.tuple(fc.constantFrom(6, 7, 8), fc.integer({ min: 0, max: J - 1 })).map(([id, index]) => squash({ op: "elem", src: "param", id, index })),
  ];
  if (ctx === "N") {
    common.push(
      fc.constant(ref("data", 0)),
      fc.constant(ref("param", 2)),
      fc.constant({ op: "gather", src: "param", id: 3, by: 2 } as Expr),
      fc.constant({ op: "gather", src: "tparam", id: 0, by: 2 } as Expr),
      fc.constant({ op: "dotRow", matrix: 3, src: "param", id: 4 } as Expr),
    );
  }
  if (ctx === "J") common.push(fc.constant(ref("param", 3)), fc.constantFrom(6, 7, 8).map((id) => squash(ref("param", id))));
  return fc.oneof(...common);
}

function positive(e: Expr): Expr {
  return { op: "binary", fn: "add", a: { op: "unary", fn: "square", arg: e }, b: { op: "const", value: 0.5 } };
}

function squash(e: Expr): Expr {
  // 3·invLogit-style bound keeps nested exponentials finite: 2·tanh-ish via invLogit.
  return { op: "binary", fn: "mul", a: { op: "const", value: 3 }, b: { op: "binary", fn: "sub", a: { op: "unary", fn: "invLogit", arg: e }, b: { op: "const", value: 0.5 } } };
}

function expr(ctx: "N" | "J" | "scalar", depth: number): fc.Arbitrary<Expr> {
  if (depth <= 0) return leaf(ctx);
  const sub = expr(ctx, depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf(ctx) },
    fc.tuple(fc.constantFrom(...SAFE_UNARY), sub).map(([fn, arg]) => squash({ op: "unary", fn, arg })),
    fc.tuple(fc.constantFrom(...POSITIVE_UNARY), sub).map(([fn, arg]) => ({ op: "unary", fn, arg: positive(arg) }) as Expr),
    fc.tuple(fc.constantFrom("add", "sub", "mul"), sub, sub).map(([fn, a, b]) => squash({ op: "binary", fn, a, b } as Expr)),
    fc.tuple(sub, sub).map(([a, b]) => squash({ op: "binary", fn: "div", a, b: positive(b) })),
    fc.tuple(sub, fc.double({ min: -1.5, max: 2.5, noNaN: true })).map(([a, p]) => ({ op: "binary", fn: "pow", a: positive(a), b: { op: "const", value: p } }) as Expr),
    ...(ctx === "scalar" ? [] : [expr("J", depth - 1).map((arg) => ({ op: "sum", n: J, arg }) as Expr)]),
  );
}

const invLogit = (arg: Expr): Expr => ({ op: "unary", fn: "invLogit", arg });
const addX = (a: Expr, b: Expr): Expr => ({ op: "binary", fn: "add", a, b });
const subX = (a: Expr, b: Expr): Expr => ({ op: "binary", fn: "sub", a, b });
const arr = (src: "data" | "param" | "tparam", id: number): ArrayRef => ({ src, id });

/** multi_normal_cholesky over the rows of B or Yd, or over the vector w; means, factors and scales of every kind. */
const multiNormal: fc.Arbitrary<Statement> = fc
  .record({
    rows: fc.constantFrom(
      { n: 2, y: arr("param", 10) },
      { n: 2, y: arr("data", 6) },
      { n: 1, y: arr("param", 3) },
    ),
    mu: fc.constantFrom<ArrayRef | undefined>(undefined, arr("param", 6), arr("tparam", 0), arr("param", 7)),
    L: fc.constantFrom(arr("param", 9), arr("data", 7)),
    scale: fc.constantFrom<ArrayRef | undefined>(undefined, arr("param", 11), arr("param", 7)),
    rowMean: fc.boolean(),
  })
  .map(({ rows, mu, L, scale, rowMean }) => {
    // A mean with its own value per row: the data rows Yd against the parameter rows B.
    const m = rowMean && rows.y.src === "data" ? arr("param", 10) : mu;
    const st: Statement = { kind: "multiNormalCholesky", n: rows.n, k: J, y: rows.y, L };
    if (m) st.mu = m;
    if (scale) st.scale = scale;
    return st;
  });

/**
 * The normal–normal marginal over the 6 rows in 3 groups: outcome data or a parameter, η absent or an
 * expression, σ one per row or shared, μ and τ per group or shared; J = 4 adds a group without rows.
 */
function normalNormalMarginal(depth: number): fc.Arbitrary<Statement> {
  const e = expr("N", depth);
  const sc = expr("scalar", depth);
  return fc
    .record({
      y: fc.constantFrom(ref("data", 0), ref("param", 2)),
      eta: fc.option(e, { nil: undefined }),
      sigma: fc.oneof(e, sc).map(positive),
      perGroup: fc.boolean(),
      mu: expr("J", depth),
      tau: expr("J", depth).map(positive),
      mu0: sc,
      tau0: sc.map(positive),
    })
    .map(({ y, eta, sigma, perGroup, mu, tau, mu0, tau0 }) => {
      const st: Statement = perGroup
        ? { kind: "normalNormalMarginal", n: N, J, group: 2, y, sigma, mu, tau }
        : { kind: "normalNormalMarginal", n: N, J: J + 1, group: 2, y, sigma, mu: mu0, tau: tau0 };
      if (eta) st.eta = eta;
      return st;
    });
}

/** The Poisson–Gamma marginal over the J groups' totals: shape and rate per group or shared. */
function poissonGammaMarginal(depth: number): fc.Arbitrary<Statement> {
  const side = fc.oneof(expr("J", depth), expr("scalar", depth)).map(positive);
  return fc.tuple(side, side).map(([shape, rate]) => ({ kind: "poissonGammaMarginal", J, y: 8, t: 9, shape, rate }) as Statement);
}

/** The beta-binomial marginal over the J groups' success and trial totals: a and b per group or shared. */
function betaBinomialMarginal(depth: number): fc.Arbitrary<Statement> {
  const side = fc.oneof(expr("J", depth), expr("scalar", depth)).map(positive);
  return fc.tuple(side, side).map(([a, b]) => ({ kind: "betaBinomialMarginal", J, y: 8, n: 10, a, b }) as Statement);
}

/** The linear normal–normal marginal of y on X's two columns by group: μ and τ per group or shared. */
function normalLinearMarginal(depth: number): fc.Arbitrary<Statement> {
  const group = fc.oneof(expr("J", depth), expr("scalar", depth));
  return fc
    .tuple(group, group.map(positive), expr("scalar", depth).map(positive), expr("scalar", depth), expr("scalar", depth))
    .map(([mu, tau, sigma, b0, b1]) => ({ kind: "normalLinearMarginal", n: N, J, K: 2, stats: 11, centre: 12, mu, tau, sigma, beta: [b0, b1] }) as Statement);
}

/** The linear marginal with a prior-like statement beside it. */
function linearStatement(depth: number): fc.Arbitrary<Statement> {
  return fc.oneof(
    normalLinearMarginal(depth),
    expr("scalar", depth).map((x) => ({ kind: "distribution", family: "normal", n: 1, lhs: ref("param", 1), args: [x, { op: "const", value: 2 }] }) as Statement),
  );
}

function statement(depth: number): fc.Arbitrary<Statement> {
  const e = expr("N", depth);
  const dist = (family: string, lhs: Expr, args: fc.Arbitrary<Expr[]>): fc.Arbitrary<Statement> =>
    args.map((a) => ({ kind: "distribution", family, n: N, lhs, args: a }) as Statement);
  return fc.oneof(
    dist("normal", ref("data", 0), fc.tuple(e, e.map(positive))),
    dist("normal", ref("param", 2), fc.tuple(e, e.map(positive))),
    dist("student_t", ref("data", 0), fc.tuple(e.map(positive), e, e.map(positive))),
    dist("cauchy", ref("param", 2), fc.tuple(e, e.map(positive))),
    dist("lognormal", positive(ref("param", 2)), fc.tuple(e, e.map(positive))),
    dist("gamma", positive(ref("param", 2)), fc.tuple(e.map(positive), e.map(positive))),
    dist("exponential", positive(ref("data", 0)), fc.tuple(e.map(positive))),
    dist("poisson", ref("data", 1), fc.tuple(e.map(positive))),
    dist("poisson_log", ref("data", 1), fc.tuple(e)),
    dist("bernoulli_logit", ref("data", 4), fc.tuple(e)),
    dist("binomial_logit", ref("data", 1), fc.tuple(fc.constant(ref("data", 5)), e)),
    dist("neg_binomial_2_log", ref("data", 1), fc.tuple(e, e.map(positive))),
    dist("double_exponential", ref("data", 0), fc.tuple(e, e.map(positive))),
    dist("logistic", ref("param", 2), fc.tuple(e, e.map(positive))),
    dist("inv_gamma", positive(ref("param", 2)), fc.tuple(e.map(positive), e.map(positive))),
    // A bounded shape: (y/sigma)^alpha with alpha in the hundreds would make the finite differences meaningless.
    dist("weibull", positive(ref("param", 2)), fc.tuple(e.map((x) => positive(squash(x))), e.map(positive))),
    dist("beta", invLogit(ref("param", 2)), fc.tuple(e.map(positive), e.map(positive))),
    // The parameter v always inside its interval, and data y inside or outside (-Infinity must agree).
    dist("uniform", ref("param", 2), fc.tuple(e.map((x) => subX(ref("param", 2), positive(x))), e.map((x) => addX(ref("param", 2), positive(x))))),
    dist("uniform", ref("data", 0), fc.tuple(e, e).map(([lo, w]) => [lo, addX(lo, { op: "binary", fn: "mul", a: { op: "const", value: 4 }, b: positive(w) })])),
    // Probabilities through a squashed logit: invLogit of a nested sum (up to ~40) rounds to 1 − 2⁻⁵³k,
    // where log(1 − p) is a staircase and finite differences with h = 1e-6 see 0.
    dist("bernoulli", ref("data", 4), fc.tuple(e.map((x) => invLogit(squash(x))))),
    dist("binomial", ref("data", 1), fc.tuple(fc.constant(ref("data", 5)), e.map((x) => invLogit(squash(x))))),
    dist("neg_binomial_2", ref("data", 1), fc.tuple(e.map(positive), e.map(positive))),
    dist("beta_binomial", ref("data", 1), fc.tuple(fc.constant(ref("data", 5)), e.map(positive), e.map(positive))),
    multiNormal,
    normalNormalMarginal(depth),
    expr("J", depth).map((x) => ({ kind: "dirichlet", k: J, y: ref("param", 8), alpha: positive(x) }) as Statement),
    expr("scalar", depth).map((x) => ({ kind: "lkjCorrCholesky", param: 9, eta: positive(x) }) as Statement),
    fc.constant({ kind: "lkjCorrCholesky", param: 9, eta: { op: "const", value: 2 } } as Statement),
    e.map((x) => ({ kind: "target", n: N, expr: x }) as Statement),
    expr("scalar", depth).map((x) => ({ kind: "target", n: 1, expr: x }) as Statement),
    expr("scalar", depth).map((x) => ({ kind: "distribution", family: "normal", n: 1, lhs: ref("param", 1), args: [x, { op: "const", value: 2 }] }) as Statement),
  );
}

/**
 * The count marginals (Poisson–Gamma, beta-binomial) with a prior-like statement beside them, in their
 * own property so the main one's seeded sequence of programs stays as it was.
 */
function countStatement(depth: number): fc.Arbitrary<Statement> {
  return fc.oneof(
    poissonGammaMarginal(depth),
    betaBinomialMarginal(depth),
    expr("scalar", depth).map((x) => ({ kind: "distribution", family: "normal", n: 1, lhs: ref("param", 1), args: [x, { op: "const", value: 2 }] }) as Statement),
  );
}

/** brms's zero-inflated and hurdle families (counts include a zero), in their own property as above. */
const ZERO_FAMILIES = ["zero_inflated_poisson_log", "zero_inflated_neg_binomial_2_log", "hurdle_poisson_log", "hurdle_neg_binomial_2_log"];
function zeroStatement(depth: number): fc.Arbitrary<Statement> {
  const e = expr("N", depth);
  const prob = e.map((x) => invLogit(squash(x)));
  const dist = (family: string, args: fc.Arbitrary<Expr[]>): fc.Arbitrary<Statement> =>
    args.map((a) => ({ kind: "distribution", family, n: N, lhs: ref("data", 1), args: a }) as Statement);
  return fc.oneof(
    dist("zero_inflated_poisson_log", fc.tuple(e, prob)),
    dist("zero_inflated_neg_binomial_2_log", fc.tuple(e, e.map(positive), prob)),
    dist("hurdle_poisson_log", fc.tuple(e, prob)),
    dist("hurdle_neg_binomial_2_log", fc.tuple(e, e.map(positive), prob)),
    expr("scalar", depth).map((x) => ({ kind: "distribution", family: "normal", n: 1, lhs: ref("param", 1), args: [x, { op: "const", value: 2 }] }) as Statement),
  );
}

/** brms's semicontinuous hurdles on a real outcome with zeros (data 14), in their own property as above. */
const CONTINUOUS_HURDLES = ["hurdle_gamma", "hurdle_lognormal"];
function continuousHurdleStatement(depth: number): fc.Arbitrary<Statement> {
  const e = expr("N", depth);
  const prob = e.map((x) => invLogit(squash(x)));
  const dist = (family: string, args: fc.Arbitrary<Expr[]>): fc.Arbitrary<Statement> =>
    args.map((a) => ({ kind: "distribution", family, n: N, lhs: ref("data", 14), args: a }) as Statement);
  return fc.oneof(
    dist("hurdle_gamma", fc.tuple(e.map(positive), e.map(positive), prob)),
    dist("hurdle_lognormal", fc.tuple(e, e.map(positive), prob)),
    expr("scalar", depth).map((x) => ({ kind: "distribution", family: "normal", n: 1, lhs: ref("param", 1), args: [x, { op: "const", value: 2 }] }) as Statement),
  );
}

/** The ordinal families: categories (data 13) against eta, cutpoints the ordered parameter o (K = J + 1 = 4). */
const ORDINAL = ORDINAL_FAMILIES;
function ordinalStatement(depth: number): fc.Arbitrary<Statement> {
  const e = expr("N", depth);
  return fc.oneof(
    ...ORDINAL.map((family) => e.map((x) => ({ kind: "distribution", family, n: N, lhs: ref("data", 13), args: [x, ref("param", 6)] }) as Statement)),
    expr("scalar", depth).map((x) => ({ kind: "distribution", family: "normal", n: 1, lhs: ref("param", 1), args: [x, { op: "const", value: 2 }] }) as Statement),
  );
}

const programOf = (statements: fc.Arbitrary<Statement>): fc.Arbitrary<Program> => fc
  .tuple(expr("J", 2), fc.array(statements, { minLength: 1, maxLength: 4 }))
  .map(([t, statements]) => {
    const params: ParamBlock[] = [
      { name: "a", shape: { kind: "scalar" }, transform: { kind: "identity" } },
      { name: "s", shape: { kind: "scalar" }, transform: { kind: "lower", lb: 0.5 } },
      { name: "v", shape: { kind: "vector", n: N }, transform: { kind: "offsetMultiplier", offset: ref("param", 0), multiplier: ref("param", 1) } },
      { name: "w", shape: { kind: "vector", n: J }, transform: { kind: "identity" } },
      // Vector-valued bounds (one per element) on b and sc; q's single bound as a one-element array.
      { name: "b", shape: { kind: "vector", n: 2 }, transform: { kind: "interval", lb: [-2, -1], ub: [3, 0.5] } },
      { name: "q", shape: { kind: "scalar" }, transform: { kind: "upper", ub: [1] } },
      { name: "o", shape: { kind: "vector", n: J }, transform: { kind: "ordered" } },
      { name: "po", shape: { kind: "vector", n: J }, transform: { kind: "positiveOrdered" } },
      { name: "sx", shape: { kind: "vector", n: J }, transform: { kind: "simplex" } },
      { name: "Lc", shape: { kind: "choleskyCorr", k: J }, transform: { kind: "choleskyCorr" } },
      { name: "B", shape: { kind: "matrix", rows: 2, cols: J }, transform: { kind: "identity" } },
      { name: "sc", shape: { kind: "vector", n: J }, transform: { kind: "lower", lb: [0.2, 0.1, 0.3] } },
    ];
    return {
      data: [
        { name: "y", type: "real", dims: [N] },
        { name: "counts", type: "int", dims: [N] },
        { name: "group", type: "int", dims: [N] },
        { name: "X", type: "real", dims: [N, 2] },
        { name: "binary", type: "int", dims: [N] },
        { name: "trials", type: "int", dims: [N] },
        { name: "Yd", type: "real", dims: [2, J] },
        { name: "Lk", type: "real", dims: [J, J] },
        { name: "totals", type: "int", dims: [J] },
        { name: "exposure", type: "real", dims: [J] },
        { name: "trialTotals", type: "int", dims: [J] },
        { name: "linStats", type: "real", dims: [J, 11] },
        { name: "linCentre", type: "real", dims: [3] },
        { name: "categories", type: "int", dims: [N] },
        { name: "semicontinuous", type: "real", dims: [N] },
      ],
      params,
      tparams: [{ name: "t", n: J, expr: t }],
      statements,
    };
  });

/** y and X (data 0 and 3), also the linear marginal's rows (groups as data 2, 0-based). */
const Y = Float64Array.from([0.3, 1.2, 2.5, 0.7, 1.9, 0.1]);
const X = Float64Array.from([0.5, -1, 1.5, 0.2, -0.3, 0.8, 1.1, -0.6, 0.05, 0.9, -1.2, 0.4]);
const LINEAR = packLinearStats(
  linearStats({ kind: "normal_normal", name: "a", groups: J, observations: N, group: Int32Array.from([0, 1, 2, 0, 1, 2]), y: Y, weight: X, linear: 2, constant: 0, inputs: [] }, 2),
);

const DATA: ProgramData = [
  Y,
  Int32Array.from([0, 3, 1, 7, 2, 4]),
  Int32Array.from([1, 2, 3, 1, 2, 3]),
  X,
  Int32Array.from([0, 1, 1, 0, 1, 0]),
  Int32Array.from([2, 5, 3, 9, 4, 6]),
  Float64Array.from([0.4, -0.8, 1.3, -0.2, 0.6, 0.1]),
  Float64Array.from([1.2, 0, 0, 0.3, 0.9, 0, -0.4, 0.2, 1.1]),
  Int32Array.from([0, 5, 60]),
  Float64Array.from([1.5, 0, 3.2]),
  Int32Array.from([3, 5, 90]),
  LINEAR.stats,
  LINEAR.centre,
  Int32Array.from([1, 4, 2, 3, 4, 1]),
  Float64Array.from([0, 1.3, 0, 0.4, 2.2, 0]),
];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

const arbProgram = programOf(statement(3));

describe("compileModel on random IR programs (fast-check, seeded)", () => {
  for (const [name, arb, kinds] of [
    ["", arbProgram, [...Object.keys(FAMILY_SIGNATURES).filter((f) => !ZERO_FAMILIES.includes(f) && !CONTINUOUS_HURDLES.includes(f) && !ORDINAL.includes(f) && !CATEGORICAL_FAMILIES.includes(f)), "target", "multiNormalCholesky", "dirichlet", "lkjCorrCholesky", "normalNormalMarginal"]],
    // Depth 2: the expression chains themselves are the first property's subject; three levels of
    // pow/lgamma/square inside a shape make h = 1e-6 differences themselves off by ~1e-6.
    [" (count marginals)", programOf(countStatement(2)), ["poissonGammaMarginal", "betaBinomialMarginal"]],
    [" (linear normal marginal)", programOf(linearStatement(2)), ["normalLinearMarginal"]],
    [" (zero-inflated and hurdle counts)", programOf(zeroStatement(2)), ZERO_FAMILIES],
    [" (zero / positive hurdles)", programOf(continuousHurdleStatement(2)), CONTINUOUS_HURDLES],
    [" (ordinal)", programOf(ordinalStatement(2)), ORDINAL],
  ] as const) {
    it(`value and gradient equal the reference tape evaluator and central finite differences${name}`, () => {
      const rng = createRng(20261129, 0);
      // How often each statement kind was checked at a point with a finite log density.
      const finite = new Map<string, number>();
      fc.assert(
        fc.property(arb, fc.integer({ min: 0, max: 1e6 }), (program, pointSeed) => {
          const model = compileModel(program, DATA);
          const pr = rng.split(pointSeed);
          const theta = Float64Array.from({ length: model.dim }, () => 0.7 * pr.normal());
          const grad = new Float64Array(model.dim);
          const lp = model.logDensityGradient(theta, grad);
          const ref = referenceGradient(program, DATA, theta);
          if (!Number.isFinite(ref.value)) {
            expect(lp).toBe(-Infinity);
            return;
          }
          for (const st of program.statements) {
            const key = st.kind === "distribution" ? st.family : st.kind;
            finite.set(key, (finite.get(key) ?? 0) + 1);
          }
          // Same maths in a different summation order and with different (stable) formulas: 1e-10.
          expect(rel(lp, ref.value)).toBeLessThan(1e-10);
          for (let k = 0; k < model.dim; k++) expect(rel(grad[k], ref.grad[k]), `grad[${k}]`).toBeLessThan(1e-8);
          // Central differences with h = 1e-6: error ≈ h²|f'''| + 1e-16|f|/h, well under 1e-6 for these sizes.
          expectCentralDifferences(model, theta, { step: 1e-6, tol: 1e-6 });
        }),
        { seed: 4242, numRuns: 300 },
      );
      // Every family and statement kind must have been compared where it is finite, not only at -Infinity.
      for (const kind of kinds) expect(finite.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(5);
    });
  }
});
