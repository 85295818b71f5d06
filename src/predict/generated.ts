/**
 * Generated quantities (posterior-predictive replicates `<y>_rep` and pointwise `log_lik`) for every
 * saved draw of a fit, after sampling. The sampler keeps constrained values only, so each draw is
 * mapped back to its unconstrained point with the compiled model's `unconstrain` and the compiled
 * `generate(rng, theta, out)` runs there. Chain c draws from `createRng(seed, c).split(
 * PREDICT_STREAMS.generated)`, so the replicates depend only on (seed, chain), not on threads.
 */
import type { Fit } from "../api/fitResult.js";
import { compileModel, type CompiledModel } from "../compiler/compile.js";
import { UserError } from "../errors.js";
import { createDraws, type Draws } from "../posterior/draws.js";
import { createRng } from "../random/rng.js";
import { chainIdsOf } from "./linpred.js";
import { PREDICT_STREAMS, type DrawMatrix } from "./types.js";

export interface GeneratedOptions {
  /** Seed of the replicate draws; default the fit's own seed. */
  readonly seed?: number;
  /** Only the log-likelihoods (no random numbers used) or only the replicates; default both. */
  readonly only?: "logLik" | "rng";
}

/**
 * The compiled model with generated quantities: the fit's own when it was compiled with all of them
 * (`fit(..., { generated: true })`), else the fit's program compiled again with the ones asked for.
 */
function withGenerated(fit: Fit, only: GeneratedOptions["only"]): CompiledModel {
  const program = fit.model.program;
  const all = program.generated ?? [];
  if (only === undefined && fit.compiled.generatedNames.length > 0) return fit.compiled;
  const generated = only === undefined ? all : all.filter((g) => (only === "logLik" ? g.kind === "logLik" : g.kind !== "logLik"));
  if (generated.length === 0) {
    throw new UserError(`model ${fit.model.name}: it has no observed data (observe(...)), so there is nothing to replicate or score`);
  }
  return compileModel({ ...program, generated }, fit.model.data);
}

/** All generated quantities for every saved draw, as a Draws container (names `y_rep[1]`, `log_lik[1]`, …). */
export function generatedDraws(fit: Fit, options: GeneratedOptions = {}): Draws {
  const model = withGenerated(fit, options.only);
  const raw = fit.result.draws;
  const { chains, draws: perChain } = raw;
  const names = model.generatedNames;
  const out = createDraws(names, chains, perChain);
  const seed = options.seed ?? fit.result.settings.seed;
  const columns = model.params.map((p) =>
    p.names.map((name) => {
      const v = raw.names.indexOf(name);
      if (v < 0) throw new Error(`generatedDraws: the draws have no column for ${name}`);
      return v;
    }),
  );
  const values = model.params.map((p) => new Float64Array(p.xSize));
  const buffer = new Float64Array(names.length);
  for (let c = 0; c < chains; c++) {
    const rng = createRng(seed, c).split(PREDICT_STREAMS.generated);
    for (let d = 0; d < perChain; d++) {
      columns.forEach((idx, k) => {
        for (let j = 0; j < idx.length; j++) values[k][j] = raw.data[(idx[j] * chains + c) * perChain + d];
      });
      const theta = model.unconstrain(values);
      model.generate(rng, theta, buffer);
      for (let v = 0; v < names.length; v++) out.data[(v * chains + c) * perChain + d] = buffer[v];
    }
  }
  return out;
}

/** The draws × elements matrix of one generated quantity (`y_rep`, `log_lik`, `log_lik_y`). */
export function generatedMatrix(draws: Draws, name: string): DrawMatrix {
  const prefix = `${name}[`;
  const vars = draws.names.flatMap((n, k) => (n.startsWith(prefix) ? [k] : []));
  if (vars.length === 0) {
    const bases = [...new Set(draws.names.map((n) => n.replace(/\[.*$/, "")))];
    throw new UserError(`no generated quantity named "${name}"; there are ${bases.join(", ")}`);
  }
  const S = draws.chains * draws.draws;
  const n = vars.length;
  const data = new Float64Array(S * n);
  vars.forEach((v, i) => {
    for (let s = 0; s < S; s++) data[s * n + i] = draws.data[v * S + s];
  });
  return { draws: S, observations: n, data, chainIds: chainIdsOf(draws) };
}

function onlyOne(draws: Draws, pattern: RegExp, what: string, name: string | undefined): string {
  if (name !== undefined) return name;
  const bases = [...new Set(draws.names.map((n) => n.replace(/\[.*$/, "")))].filter((b) => pattern.test(b));
  if (bases.length !== 1) throw new UserError(`the model has ${bases.length === 0 ? "no" : "several"} ${what} (${bases.join(", ")}); name the one you want`);
  return bases[0];
}

/** Posterior-predictive replicates of the observed data (`y_rep` for `observe(y, …)`), draws × observations. */
export function posteriorPredictDsl(fit: Fit, options: GeneratedOptions & { readonly name?: string } = {}): DrawMatrix {
  const g = generatedDraws(fit, { ...options, only: "rng" });
  return generatedMatrix(g, onlyOne(g, /_rep$/, "replicated outcomes", options.name));
}

/** Pointwise log-likelihood, draws × observations, for `psisLoo(m, { chainIds: m.chainIds })`. */
export function logLikDsl(fit: Fit, options: { readonly name?: string } = {}): DrawMatrix {
  const g = generatedDraws(fit, { only: "logLik" });
  return generatedMatrix(g, onlyOne(g, /^log_lik/, "log-likelihoods", options.name));
}
