/**
 * LOCAL SHIM (validation area), to be removed when the DSL gets constant element access (`x.el(k)`):
 * element k (1-based; row-major for a K × K Cholesky factor, so L[2,1] is k = 3) of a named vector or
 * Cholesky-factor parameter, as a scalar term. It builds the IR's existing `elem` expression through
 * the exported `Term` class; the DSL's `at()` cannot do this for a Cholesky factor because the IR
 * rejects a gather from a matrix-shaped source.
 */
import { UserError } from "../../src/errors.js";
import { Term } from "../../src/model/index.js";

export function elementOf(x: Term, k: number): Term {
  if (x.ref === null || x.length === 0) throw new UserError(`elementOf: needs a named vector, got an expression`);
  if (!Number.isInteger(k) || k < 1 || k > x.length) throw new UserError(`elementOf: k must be in 1..${x.length}, got ${k}`);
  return new Term({ op: "elem", src: x.ref.src, id: x.ref.id, index: k - 1 }, 0, "real");
}
