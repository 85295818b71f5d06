/**
 * Stan's initial step-size heuristic (base_hmc::init_stepsize): from the current point, take one
 * leapfrog step with a fresh momentum; keep doubling (or halving) ε until the one-step acceptance
 * e^{H0 − H} crosses 0.8. Leaves the chain state untouched.
 */
import { UserError } from "../errors.js";
import type { Rng } from "../random/rng.js";
import { leapfrog } from "./leapfrog.js";
import { kineticEnergy, sampleMomentum, velocity, type Metric } from "./metric.js";
import type { NutsState, NutsWorkspace } from "./nuts.js";
import { hamiltonian, type PhasePoint } from "./phasePoint.js";

const LOG_08 = Math.log(0.8);

function oneStepDeltaH(rng: Rng, state: NutsState, metric: Metric, stepSize: number, ws: NutsWorkspace): number {
  const z: PhasePoint = ws.zFwd;
  z.q.set(state.position);
  z.grad.set(state.gradient);
  z.logDensity = state.logDensity;
  sampleMomentum(rng, metric, z.p, ws.normals);
  velocity(metric, z.p, z.v);
  z.kinetic = kineticEnergy(z.p, z.v);
  const h0 = hamiltonian(z);
  leapfrog(ws.target, metric, stepSize, z);
  ws.nLeapfrog++;
  return h0 - hamiltonian(z);
}

/**
 * Returns the step size found from `stepSize`. `gradients` counts the leapfrog steps spent
 * (reported in the workspace's nLeapfrog, which the caller adds to its gradient count).
 */
export function findReasonableStepSize(rng: Rng, state: NutsState, metric: Metric, stepSize: number, ws: NutsWorkspace): number {
  if (stepSize === 0 || stepSize > 1e7 || stepSize !== stepSize) return stepSize;
  ws.nLeapfrog = 0;
  let dH = oneStepDeltaH(rng, state, metric, stepSize, ws);
  const direction = dH > LOG_08 ? 1 : -1;
  for (;;) {
    dH = oneStepDeltaH(rng, state, metric, stepSize, ws);
    if (direction === 1 && !(dH > LOG_08)) break;
    if (direction === -1 && !(dH < LOG_08)) break;
    stepSize = direction === 1 ? 2 * stepSize : 0.5 * stepSize;
    if (stepSize > 1e7) {
      throw new UserError("sample: the step size grew beyond 1e7 while searching for an initial value; the posterior looks improper — check the model's priors");
    }
    if (stepSize === 0) {
      throw new UserError("sample: no acceptably small step size could be found; the log density may not be continuous");
    }
  }
  return stepSize;
}
