/**
 * Fuzz properties for the user-facing parsers and builders, parameterised by the number of runs so
 * `npm test` runs a modest budget and test/slow/robustness a long one. Each property checks that
 * nothing but a UserError escapes, that each case ends in bounded time, and that messages say what
 * was wrong and where (a caret under the text, or the name of the column / prior involved).
 */
import fc from "fast-check";
import { buildFormulaModel } from "../../../src/api/formulaFit.js";
import { UserError } from "../../../src/errors.js";
import { buildDesign } from "../../../src/formula/index.js";
import { parsePrior } from "../../../src/formula/priorParse.js";
import { resolvePriors } from "../../../src/formula/priors.js";
import { readCsvText } from "../../../src/io/readCsvText.js";
import { readJsonData } from "../../../src/io/readJsonData.js";

/** A single case taking longer than this is a hang in the making (cases are ~1 ms). */
export const CASE_MS = 2_000;

export class FuzzFailure extends Error {}

/**
 * Runs `f`; a UserError must name what went wrong and where: `mustMention` (the input, a column…)
 * appears in the message, or the message carries a caret line. Anything else thrown is a failure.
 */
export function onlyGoodUserErrors(f: () => unknown, context: string, mustMention: readonly string[] = []): void {
  const t0 = performance.now();
  try {
    f();
  } catch (e) {
    if (!(e instanceof UserError)) throw new FuzzFailure(`${context}: threw ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
    const m = e.message;
    if (m.length < 15 || /undefined|\[object /.test(m)) throw new FuzzFailure(`${context}: unhelpful message ${JSON.stringify(m)}`);
    const caret = /\n\s*\^/.test(m);
    const names = mustMention.length === 0 || mustMention.some((s) => m.includes(s));
    // Or it quotes a piece of the input: 'g:h', '(1 | g:h)'.
    const quotesInput = [...m.matchAll(/'([^']{1,80})'/g)].some((q) => context.includes(q[1]));
    // Or it names a term of the input as written: factor(t), log(y).
    const namesTerm = context.split(/[\s~+*:]+/).some((t) => t.length > 0 && (m.startsWith(`${t} `) || (t.length >= 4 && m.includes(t))));
    if (!caret && !names && !quotesInput && !namesTerm) throw new FuzzFailure(`${context}: message names neither the place nor ${mustMention.join("/")}: ${JSON.stringify(m)}`);
  } finally {
    const ms = performance.now() - t0;
    if (ms > CASE_MS) throw new FuzzFailure(`${context}: took ${ms.toFixed(0)} ms`);
  }
}

// A data set with every awkward kind of column a formula can meet.
export const FUZZ_DATA = {
  y: [1.2, 0.4, 2.2, 1.9, 0.3, 1.1, 2.8, 0.9],
  n: [0, 3, 1, 2, 5, 0, 1, 4],
  t: [5, 5, 5, 5, 5, 5, 5, 5],
  x: [0.5, -1, 2, 0, 1.5, -0.5, 3, 1],
  z: [1, 0, 1, 0, 1, 1, 0, 0],
  b: [0, 1, 0, 1, 1, 0, 1, 0],
  g: ["a", "b", "a", "c", "b", "c", "a", "b"],
  h: ["u", "u", "v", "v", "u", "v", "u", "v"],
  one: ["k", "k", "k", "k", "k", "k", "k", "k"],
  miss: [NaN, 1, NaN, 2, 3, NaN, 4, 5],
  allna: [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN],
  neg: [-1, -2, -3, 1, 2, 3, 0, 0],
  "log radon": [1, 2, 3, 4, 5, 6, 7, 8],
  "県": ["東", "西", "東", "西", "東", "西", "東", "西"],
};
const COLUMNS = Object.keys(FUZZ_DATA).map((k) => (/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(k) ? k : `\`${k}\``));
const FAMILIES = ["gaussian", "student", "binomial", "bernoulli", "poisson", "negbinomial", "gamma", "lognormal", "beta", "nosuch"];

/** Formulas from a small grammar: mostly valid-looking, often wrong for the data or family. */
export const formulaArb = (() => {
  const col = fc.constantFrom(...COLUMNS, "nosuch");
  const atom = fc.oneof(
    col,
    col.map((c) => `log(${c})`),
    col.map((c) => `factor(${c})`),
    col.map((c) => `scale(${c})`),
    fc.tuple(col, col).map(([a, b]) => `I(${a} * ${b} - 1)`),
    fc.tuple(col, col).map(([a, b]) => `${a}:${b}`),
    fc.tuple(col, col).map(([a, b]) => `${a}*${b}`),
    fc.constantFrom("1", "0", "-1"),
  );
  const group = fc.tuple(fc.constantFrom("1", "1 + x", "x", "0 + x", "1 + z"), fc.constantFrom("|", "||"), fc.constantFrom("g", "h", "one", "g:h", "g/h", "miss", "nosuch", "`県`")).map(([l, bar, g]) => `(${l} ${bar} ${g})`);
  const rhs = fc.array(fc.oneof({ weight: 3, arbitrary: atom }, { weight: 1, arbitrary: group }), { minLength: 1, maxLength: 4 }).map((ts) => ts.join(" + "));
  const lhs = fc.constantFrom("y", "n", "n | trials(t)", "cbind(n, t)", "b", "neg", "miss", "allna", "g", "`log radon`", "log(y)", "y | se(t)", "nosuch");
  return fc.tuple(lhs, rhs, fc.constantFrom(...FAMILIES)).map(([l, r, family]) => ({ formula: `${l} ~ ${r}`, family }));
})();

/** Mutations of a text: delete, insert or replace characters from `alphabet`. */
export function mutatedArb(valid: readonly string[], alphabet: readonly string[]) {
  return fc
    .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.constantFrom("delete", "insert", "replace"), fc.constantFrom(...alphabet)), { minLength: 1, maxLength: 5 }))
    .map(([base, edits]) => {
      let s = base;
      for (const [pos, op, ch] of edits) {
        const i = pos % (s.length + 1);
        s = op === "delete" ? s.slice(0, i) + s.slice(i + 1) : op === "insert" ? s.slice(0, i) + ch + s.slice(i) : s.slice(0, i) + ch + s.slice(i + 1);
      }
      return s;
    });
}

const VALID_PRIORS = ["b ~ normal(0, 5)", "sd ~ student_t(3, 0, 2.5)", "sd[g] ~ exponential(1)", "cor ~ lkj(2)", "b_x ~ cauchy(0, 2.5)", "sigma ~ gamma(2, 0.1)", "Intercept ~ flat", "sd_g__Intercept ~ lognormal(0, 1)"];
const PRIOR_CHARS = ["(", ")", "[", "]", ",", "~", " ", "-", ".", "e", "1", "0", "_", "b", "sd", "normal", "flat", "Inf", "NaN", "1e999", "\u00a0"];

export function priorProperties(numRuns: number, seed: number) {
  const design = buildDesign("y ~ x + z + (1 + x | g)", FUZZ_DATA);
  return {
    /** parsePrior on mutated valid prior strings and on random text. */
    parse: () =>
      fc.assert(
        fc.property(fc.oneof(mutatedArb(VALID_PRIORS, PRIOR_CHARS), fc.string({ maxLength: 30 })), (p) => {
          onlyGoodUserErrors(() => parsePrior(p), `parsePrior(${JSON.stringify(p)})`, ["prior"]);
        }),
        { numRuns, seed },
      ),
    /** resolvePriors: statements that parse but may name classes, groups or coefficients that do not exist. */
    resolve: () =>
      fc.assert(
        fc.property(fc.array(mutatedArb(VALID_PRIORS, PRIOR_CHARS), { maxLength: 3 }), (ps) => {
          onlyGoodUserErrors(() => resolvePriors(design, ps), `resolvePriors(${JSON.stringify(ps)})`, ["prior", ...ps]);
        }),
        { numRuns, seed: seed + 1 },
      ),
  };
}

export function designProperties(numRuns: number, seed: number) {
  return {
    /** buildFormulaModel (design, priors, GLMM IR) on grammar-made formulas × families. */
    formulas: () =>
      fc.assert(
        fc.property(formulaArb, ({ formula, family }) => {
          onlyGoodUserErrors(() => buildFormulaModel({ formula, family, data: FUZZ_DATA }), `${formula} (family ${family})`, [
            ...Object.keys(FUZZ_DATA).map((k) => `'${k}'`),
            "family",
            "nosuch",
            "the model", // a complaint about the whole model ("the model has no predictors at all")
          ]);
        }),
        { numRuns, seed },
      ),
    /** buildDesign on random data tables: numbers, NaN, ±Inf, huge values, text, nulls in every column. */
    data: () => {
      const cell = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -3, max: 2 ** 32 }), fc.constantFrom(NaN, Infinity, -0, 1e308, 0, 1), fc.constantFrom("a", "b", "", "NA", "1"));
      const column = (n: number) => fc.array(cell, { minLength: n, maxLength: n });
      const table = fc.integer({ min: 0, max: 6 }).chain((n) => fc.record({ y: column(n), x: column(n), g: column(n) }));
      fc.assert(
        fc.property(table, fc.constantFrom("y ~ x + (1 | g)", "y ~ x", "y | trials(x) ~ 1 + (1 | g)", "y ~ 0 + g"), fc.constantFrom(...FAMILIES.slice(0, 9)), (data, formula, family) => {
          onlyGoodUserErrors(() => buildFormulaModel({ formula, family, data }), `${formula} on ${JSON.stringify(data)}`, ["'y'", "'x'", "'g'", "y", "x", "g", "data", "rows"]);
        }),
        { numRuns, seed: seed + 2 },
      );
    },
  };
}

export function loaderProperties(numRuns: number, seed: number) {
  return {
    /** CSV text → table → formula model: the loaders and the design together. */
    csvToModel: () =>
      fc.assert(
        fc.property(
          mutatedArb(['y,x,g\n1,0.5,a\n2,1.5,b\n0,2,a\n3,NA,b\n', '"log radon",県\r\n1,東\r\n2,西\r\n'], [",", '"', "\n", "\r", "N", "A", "1", "e", "-", "\uFEFF", "x", "g"]),
          fc.constantFrom("y ~ x + (1 | g)", "`log radon` ~ 1 + (1 | 県)", "y ~ g"),
          (text, formula) => {
            onlyGoodUserErrors(() => buildFormulaModel({ formula, data: readCsvText(text) }), `${formula} on ${JSON.stringify(text)}`, ["CSV", "row", "column", "'", "formula"]);
          },
        ),
        { numRuns, seed },
      ),
    /** JSON data text: parsed values of any shape. */
    json: () =>
      fc.assert(
        fc.property(fc.oneof(fc.json(), mutatedArb(['{"y": [1, 2, 3], "N": 3, "x": [[1, 2], [3, 4]]}'], ["{", "}", "[", "]", ",", ":", '"', "1", "e", "-", "null", "NaN"])), (s) => {
          onlyGoodUserErrors(() => readJsonData(s), `readJsonData(${JSON.stringify(s)})`, ["JSON", "field", "data"]);
        }),
        { numRuns, seed: seed + 1 },
      ),
  };
}
