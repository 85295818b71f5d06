/**
 * Hand-written log densities for the robustness tests, importable as worker targets
 * (`module: new URL("./support/models.ts", import.meta.url).href`).
 */
import type { LogDensity } from "../../../src/logDensity.js";

/** Standard normal in `dim` dimensions: cheap, so chains run long only when asked to. */
export function stdNormal(payload: { dim: number }): LogDensity {
  const dim = payload.dim;
  return {
    dim,
    logDensityGradient(q, g) {
      let s = 0;
      for (let i = 0; i < dim; i++) {
        g[i] = -q[i];
        s -= 0.5 * q[i] * q[i];
      }
      return s;
    },
  };
}
