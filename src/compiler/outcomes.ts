/** Data-time checks of discrete outcomes, so the hot path needs none (Poisson counts ≥ 0, 0/1, 0 ≤ n ≤ N, categories 1 … K). */
import { UserError } from "../errors.js";
import { FAMILY_SIGNATURES } from "../ir/families.js";
import type { Expr, Program, ProgramData } from "../ir/types.js";
import { sourceDims } from "../ir/validate.js";
import { evalExpr, type Env } from "./evaluate.js";

export function checkOutcomes(program: Program, data: ProgramData): void {
  const env: Env = { program, data, params: [], tparams: [] };
  program.statements.forEach((st, k) => {
    if (st.kind !== "distribution") return;
    const bad = (i: number, what: string): never => {
      throw new UserError(`statement ${k} (${st.family}): outcome ${i + 1} ${what}`);
    };
    const isInt = FAMILY_SIGNATURES[st.family]?.lhs === "int";
    for (let i = 0; i < st.n; i++) {
      const y = () => evalExpr(st.lhs, i, env);
      switch (st.family) {
        case "bernoulli":
        case "bernoulli_logit":
          if (y() !== 0 && y() !== 1) bad(i, `must be 0 or 1, got ${y()}`);
          break;
        case "binomial":
        case "binomial_logit":
        case "beta_binomial": {
          const N = evalExpr(st.args[0], i, env);
          if (!(N >= 0 && y() >= 0 && y() <= N)) bad(i, `must satisfy 0 ≤ n ≤ N, got n = ${y()}, N = ${N}`);
          break;
        }
        case "ordered_logistic":
        case "ordered_probit": {
          // Categories 1 … K, K = the cutpoints' length + 1 (validation made args[1] a vector ref).
          const cut = st.args[1] as Extract<Expr, { op: "ref" }>;
          const K = sourceDims(program, cut.src, cut.id)[0] + 1;
          if (!(Number.isInteger(y()) && y() >= 1 && y() <= K)) bad(i, `must be a category in 1..${K}, got ${y()}`);
          break;
        }
        default:
          // Every other int-outcome family (poisson, neg_binomial_2, the zero-inflated and hurdle ones) counts.
          if (isInt && !(y() >= 0)) bad(i, `must be a count ≥ 0, got ${y()}`);
      }
    }
  });
}
