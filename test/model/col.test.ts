import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/compiler/compile.js";
import { referenceGradient } from "../../src/compiler/reference.js";
import { UserError } from "../../src/errors.js";
import type { Expr, Program } from "../../src/ir/types.js";
import { validateData, validateProgram } from "../../src/ir/validate.js";
import { buildModel, lkjCorrCholesky, model, multiNormalCholesky, normal, type Model } from "../../src/model/index.js";
import { createRng } from "../../src/random/rng.js";
import { mismatches, wasmOf } from "../compiler/wasm/compare.js";

/** Seeded grouped data: J groups of 2–4 rows, y = 1 + a_j + (0.5 + s_j) x + noise, as flat columns and split per group. */
function grouped(seed: number, J: number) {
  const rng = createRng(seed, 0);
  const flat = { y: [] as number[], x: [] as number[], g: [] as number[], w: [] as number[] };
  const perGroup: Record<string, number[]> = {};
  for (let j = 0; j < J; j++) {
    const a = 0.8 * rng.normal();
    const s = 0.3 * rng.normal();
    const m = 2 + (j % 3);
    perGroup[`y${j}`] = [];
    perGroup[`x${j}`] = [];
    for (let r = 0; r < m; r++) {
      const x = rng.normal();
      const y = 1 + a + (0.5 + s) * x + 0.4 * rng.normal();
      flat.y.push(y);
      flat.x.push(x);
      flat.g.push(j + 1);
      perGroup[`y${j}`].push(y);
      perGroup[`x${j}`].push(x);
    }
  }
  // A group-level covariate matrix W (J × 3) for the data-matrix form.
  const W = Array.from({ length: J }, () => [rng.normal(), rng.normal(), rng.normal()]);
  return { flat: { ...flat, W }, perGroup: { ...perGroup, W }, J };
}

/** Varying intercepts and slopes, b ~ MVN(0, diag(tau) L Lᵀ diag(tau)), written with b.col(k).at(g). */
const naturalForm = (J: number): Model =>
  model("natural", ({ data, param, observe }) => {
    const y = data.reals("y");
    const x = data.reals("x");
    const g = data.index("g");
    const alpha = param("alpha", normal(0, 5));
    const beta = param("beta", normal(0, 5));
    const sigma = param("sigma", normal(0, 1), { lower: 0 });
    const tau = param("tau", normal(0, 1), { size: 2, lower: 0 });
    const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
    const b = param("b", multiNormalCholesky(0, L, tau), { size: [J, 2] });
    observe(y, normal(alpha.add(b.col(0).at(g)).add(beta.add(b.col(1).at(g)).mul(x)), sigma));
  });

/** The same model as the DSL had to write it before col(): one observe per group reading b[j,1], b[j,2] by el(). */
const elForm = (J: number): Model =>
  model("el", ({ data, param, observe }) => {
    const alpha = param("alpha", normal(0, 5));
    const beta = param("beta", normal(0, 5));
    const sigma = param("sigma", normal(0, 1), { lower: 0 });
    const tau = param("tau", normal(0, 1), { size: 2, lower: 0 });
    const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 2 });
    const b = param("b", multiNormalCholesky(0, L, tau), { size: [J, 2] });
    for (let j = 0; j < J; j++) {
      observe(data.reals(`y${j}`), normal(alpha.add(b.el(2 * j)).add(beta.add(b.el(2 * j + 1)).mul(data.reals(`x${j}`))), sigma));
    }
  });

/** A group-level covariate: column k of the data matrix W (J × 3) gathered by group. */
const dataNatural = model("dataNatural", ({ data, param, observe }) => {
  const y = data.reals("y");
  const g = data.index("g");
  const W = data.matrix("W");
  const alpha = param("alpha", normal(0, 5));
  const gamma = param("gamma", normal(0, 5));
  const sigma = param("sigma", normal(0, 1), { lower: 0 });
  observe(y, normal(alpha.add(gamma.mul(W.term.col(2).at(g))).add(W.term.col(0).at(g)), sigma));
});

/**
 * Both programs' log density and gradient at `reps` seeded points. They differ only in the order the
 * rows' terms are added (one loop against one statement per group), so they agree to rounding: each
 * of the N + J·K + … additions rounds by at most ε relative to the running sum, bounded here by
 * 4·N·ε·(|value| + 1) with N the number of likelihood rows.
 */
function expectSameDensity(a: Model, dataA: Record<string, unknown>, b: Model, dataB: Record<string, unknown>, rows: number, reps = 5): void {
  const ma = buildModel(a, dataA);
  const mb = buildModel(b, dataB);
  const ca = compileModel(ma.program, ma.data);
  const cb = compileModel(mb.program, mb.data);
  expect(ca.dim).toBe(cb.dim);
  expect(ca.outputNames).toEqual(cb.outputNames);
  const rng = createRng(11, 0);
  const tol = (v: number) => 4 * rows * Number.EPSILON * (Math.abs(v) + 1);
  for (let rep = 0; rep < reps; rep++) {
    const theta = Float64Array.from({ length: ca.dim }, () => 0.7 * rng.normal());
    const ga = new Float64Array(ca.dim);
    const gb = new Float64Array(cb.dim);
    const la = ca.logDensityGradient(theta, ga);
    const lb = cb.logDensityGradient(theta, gb);
    expect(Number.isFinite(la)).toBe(true);
    expect(Math.abs(la - lb), `lp at point ${rep}: ${la} vs ${lb}`).toBeLessThanOrEqual(tol(lb));
    for (let i = 0; i < ca.dim; i++) expect(Math.abs(ga[i] - gb[i]), `grad[${i}] at point ${rep}: ${ga[i]} vs ${gb[i]}`).toBeLessThanOrEqual(tol(gb[i]));
    // And against the tape reference (an independent evaluator of the same IR): the compiler's usual 1e-11 / 1e-9.
    const ref = referenceGradient(ma.program, ma.data, theta);
    expect(Math.abs(la - ref.value)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(ref.value)));
    for (let i = 0; i < ca.dim; i++) expect(Math.abs(ga[i] - ref.grad[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref.grad[i])));
  }
}

const gatherIn = (e: Expr, out: Extract<Expr, { op: "gather" }>[] = []): Extract<Expr, { op: "gather" }>[] => {
  if (e.op === "gather") out.push(e);
  if (e.op === "unary" || e.op === "sum") gatherIn(e.arg, out);
  if (e.op === "binary") {
    gatherIn(e.a, out);
    gatherIn(e.b, out);
  }
  return out;
};

describe("Term.col(k).at(index)", () => {
  const sim = grouped(3, 7);
  const rows = sim.flat.y.length;

  it("b.col(k).at(g) on a parameter matrix: the same log density and gradient as the el()-per-group form", () => {
    expectSameDensity(naturalForm(sim.J), sim.flat, elForm(sim.J), sim.perGroup, rows);
  });

  it("gathers b's flat row-major values by a hidden int slot of codes (g_i − 1)·K + k + 1, one slot per column and index", () => {
    const built = buildModel(naturalForm(sim.J), sim.flat);
    validateProgram(built.program);
    validateData(built.program, built.data);
    const bId = built.program.params.findIndex((p) => p.name === "b");
    const st = built.program.statements.find((s) => s.kind === "distribution" && s.family === "normal" && s.n === rows);
    if (st === undefined || st.kind !== "distribution") throw new Error("no likelihood statement");
    const gathers = gatherIn(st.args[0]);
    expect(gathers.map((e) => [e.src, e.id])).toEqual([["param", bId], ["param", bId]]);
    const [c0, c1] = gathers.map((e) => built.data[e.by]);
    expect(Array.from(c0)).toEqual(sim.flat.g.map((g) => (g - 1) * 2 + 1));
    expect(Array.from(c1)).toEqual(sim.flat.g.map((g) => (g - 1) * 2 + 2));
    expect(gathers.map((e) => built.program.data[e.by])).toEqual([
      { name: "b.col1.g__", type: "int", dims: [rows] },
      { name: "b.col2.g__", type: "int", dims: [rows] },
    ]);
    // Asking again for a column and index already made reuses its slot.
    const twice = buildModel(
      model("twice", ({ data, param, target }) => {
        const g = data.index("g");
        const b = param("b", normal(0, 1), { size: [sim.J, 2] });
        target(b.col(1).at(g).add(b.col(1).at(g)).add(b.col(0).at(g)).sum());
        target(b.col(1).sum().add(b.col(1).sum()));
      }),
      sim.flat,
    );
    expect(twice.program.data.map((d) => d.name)).toEqual(["g", "b.col2.g__", "b.col1.g__", "b.col2__"]);
  });

  it("b.col(k) is a plain vector of length J: derived, summed, elementwise, and el(j) reads b[j,k]", () => {
    const J = 4;
    const m = model("plain", ({ param, derived, target }) => {
      const beta = param("beta", normal(0, 1));
      const b = param("b", normal(0, 1), { size: [J, 3] });
      derived("slopes", b.col(1).add(beta));
      derived("last", b.col(2).el(J - 1));
      target(b.col(0).sum().neg());
    });
    const built = buildModel(m, {});
    const c = compileModel(built.program, built.data);
    const theta = Float64Array.from({ length: c.dim }, (_, i) => 0.1 * (i + 1) - 0.5);
    const out = new Float64Array(c.outputNames.length);
    c.constrain(theta, out);
    const at = (name: string) => out[c.outputNames.indexOf(name)];
    for (let j = 1; j <= J; j++) expect(at(`slopes[${j}]`)).toBe(at(`b[${j},2]`) + at("beta"));
    expect(at("last")).toBe(at(`b[${J},3]`));
    // The target adds −Σ_j b[j,1]; the priors are standard normals: lp = −Σ b[j,1] + Σ (−½ θ² − ½ log 2π).
    const grad = new Float64Array(c.dim);
    const lp = c.logDensityGradient(theta, grad);
    let expected = 0;
    for (const v of theta) expected += -0.5 * v * v - 0.5 * Math.log(2 * Math.PI);
    for (let j = 1; j <= J; j++) expected -= at(`b[${j},1]`);
    // 13 terms of size ≤ 1.5 summed in another order: a few ε.
    expect(Math.abs(lp - expected)).toBeLessThanOrEqual(1e-13);
    const bOff = c.outputNames.indexOf("b[1,1]");
    for (let j = 0; j < J; j++) expect(grad[bOff + 3 * j]).toBe(-theta[bOff + 3 * j] - 1);
  });

  it("a data matrix's column gathered by group: the same density as reading W[j,k] by el() per group", () => {
    const el = model("dataEl", ({ data, param, observe }) => {
      const W = data.matrix("W");
      const alpha = param("alpha", normal(0, 5));
      const gamma = param("gamma", normal(0, 5));
      const sigma = param("sigma", normal(0, 1), { lower: 0 });
      for (let j = 0; j < sim.J; j++) {
        observe(data.reals(`y${j}`), normal(alpha.add(gamma.mul(W.term.el(3 * j + 2))).add(W.term.el(3 * j)), sigma));
      }
    });
    expectSameDensity(dataNatural, sim.flat, el, sim.perGroup, rows);
  });

  it("a Cholesky-factor parameter's column: L.col(0).at(k) reads L[k,1]", () => {
    const m = (natural: boolean) =>
      model("Lcol", ({ data, param, sample }) => {
        const k = data.index("k");
        const L = param("L", lkjCorrCholesky(2), { choleskyCorr: 3 });
        sample(natural ? L.col(0).at(k) : L.el(3), normal(0, 1));
      });
    const a = buildModel(m(true), { k: [2] });
    const b = buildModel(m(false), { k: [2] });
    const ca = compileModel(a.program, a.data);
    const cb = compileModel(b.program, b.data);
    const theta = Float64Array.of(0.3, -0.2, 0.5);
    const ga = new Float64Array(3);
    const gb = new Float64Array(3);
    expect(ca.logDensityGradient(theta, ga)).toBe(cb.logDensityGradient(theta, gb));
    expect(Array.from(ga)).toEqual(Array.from(gb));
  });
});

describe("validateProgram / validateData: gathers from a matrix", () => {
  const program: Program = {
    data: [{ name: "codes", type: "int", dims: [3] }],
    params: [
      { name: "b", shape: { kind: "matrix", rows: 2, cols: 3 }, transform: { kind: "identity" } },
      { name: "s", shape: { kind: "scalar" }, transform: { kind: "identity" } },
    ],
    tparams: [],
    statements: [{ kind: "target", n: 3, expr: { op: "gather", src: "param", id: 0, by: 0 } }],
  };

  it("read the flat row-major values: codes 1…rows·cols are accepted, beyond that refused", () => {
    validateProgram(program);
    validateData(program, [Int32Array.of(1, 4, 6)]);
    expect(() => validateData(program, [Int32Array.of(1, 7, 6)])).toThrow("data slot 0 (codes): index 2 is 7, must be in 1..6");
  });

  it("a scalar source is still refused", () => {
    const scalar: Program = { ...program, statements: [{ kind: "target", n: 3, expr: { op: "gather", src: "param", id: 1, by: 0 } }] };
    expect(() => validateProgram(scalar)).toThrow("statement 0: gather needs a vector or matrix source");
  });
});

describe("wasm: col() gathers translate", () => {
  const sim = grouped(3, 7);
  const cases: [string, Model][] = [
    ["parameter matrix", naturalForm(sim.J)],
    ["data matrix", dataNatural],
  ];
  for (const [what, m] of cases) {
    it(`${what}: lp and gradient Object.is-equal to the JavaScript ones at 50 points`, () => {
      const { program, data } = buildModel(m, sim.flat);
      const compiled = compileModel(program, data);
      const w = wasmOf(compiled, program, data);
      if (!w) throw new Error(`${what}: does not translate`);
      // No tolerance: the translation performs the same IEEE operations in the same order (test/compiler/wasm).
      const { bad, finite } = mismatches(compiled, w, createRng(2026, 91), 50);
      expect(bad.slice(0, 5)).toEqual([]);
      expect(finite).toBeGreaterThanOrEqual(25);
    });
  }
});

describe("Term.col / at: errors", () => {
  const data = { g: [1, 2, 3, 3], big: [1, 5], x: [0.5, 1, 2, 3] };
  const err = (build: Parameters<typeof model>[1]) => {
    try {
      buildModel(model("bad", build), data);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error("the model built without an error");
  };

  it("col() on a vector, a scalar or an expression names what is wrong", () => {
    expect(err(({ param }) => param("theta", normal(0, 1), { size: 3 }).col(0))).toBe("col(): only a named matrix has columns; theta is not a matrix");
    expect(err(({ param }) => param("mu", normal(0, 1)).col(0))).toBe("col(): only a named matrix has columns; mu is not a matrix");
    expect(err(({ param }) => param("mu", normal(0, 1)).add(1).col(0))).toBe("col(): only a named matrix has columns");
  });

  it("a column out of range: col(): b has columns 0…1, got 2", () => {
    expect(err(({ param }) => param("b", normal(0, 1), { size: [3, 2] }).col(2))).toBe("col(): b has columns 0…1, got 2");
    expect(err(({ param }) => param("b", normal(0, 1), { size: [3, 2] }).col(-1))).toBe("col(): b has columns 0…1, got -1");
    expect(err(({ param }) => param("b", normal(0, 1), { size: [3, 2] }).col(0.5))).toBe("col(): b has columns 0…1, got 0.5");
    expect(err(({ param }) => param("b", normal(0, 1), { size: [3, 2] }).col(1).el(3))).toBe("el(): column 1 of b has rows 0…2, got 3");
  });

  it("at() with a term that is not a group index", () => {
    const msg = "at(): the index must be a group index declared with data.index(...) or data.factor(...)";
    expect(err(({ data, param }) => param("b", normal(0, 1), { size: [3, 2] }).col(0).at(data.reals("x")))).toBe(msg);
    expect(err(({ data, param }) => param("b", normal(0, 1), { size: [3, 2] }).col(0).at(data.ints("g")))).toBe(msg);
  });

  it("an index whose codes exceed the matrix's rows", () => {
    expect(err(({ data, param }) => param("b", normal(0, 1), { size: [3, 2] }).col(1).at(data.index("big")))).toBe("at(): big has codes up to 5 but b has only 3 rows");
    expect(err(({ data, param }) => param("b", normal(0, 1), { size: [3, 2] }).col(1).at(data.index("g", { groups: 4 })))).toBe(
      "at(): g has codes up to 4 but b has only 3 rows",
    );
  });

  it("at() on a whole matrix points to col()", () => {
    expect(err(({ data, param }) => param("b", normal(0, 1), { size: [3, 2] }).at(data.index("g")))).toBe(
      "at(): b is a matrix; gather one of its columns by group with b.col(k).at(index)",
    );
  });

  it("a data field named like a hidden column index is refused with a clear message", () => {
    const message = (() => {
      try {
        buildModel(
          model("clash", ({ data, param }) => {
            param("b", normal(0, 1), { size: [3, 2] }).col(0).at(data.index("g"));
            data.reals("b.col1.g__");
          }),
          { g: [1, 2, 3], "b.col1.g__": [1, 2] },
        );
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(message).toBe('data: "b.col1.g__" is the name of an index hbayes made for a matrix column (col()); rename that data field');
    // The other way round (the user's field first), the hidden slot takes another name.
    const built = buildModel(
      model("clash2", ({ data, param, target }) => {
        data.reals("b.col1.g__");
        target(param("b", normal(0, 1), { size: [3, 2] }).col(0).at(data.index("g")).sum());
      }),
      { g: [1, 2, 3], "b.col1.g__": [1, 2] },
    );
    expect(built.program.data.map((d) => d.name)).toEqual(["b.col1.g__", "g", "b.col1.g.2__"]);
  });
});
