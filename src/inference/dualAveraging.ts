/**
 * Step-size adaptation by Nesterov dual averaging (Hoffman & Gelman 2014), with Stan's constants
 * and update order, as an init / update / final triple on a small mutable state.
 */
export interface DualAveragingSettings {
  /** Target mean acceptance statistic δ. */
  readonly delta: number;
  readonly gamma: number;
  readonly t0: number;
  readonly kappa: number;
}

export const DEFAULT_DUAL_AVERAGING: DualAveragingSettings = Object.freeze({ delta: 0.8, gamma: 0.05, t0: 10, kappa: 0.75 });

export interface DualAveragingState {
  mu: number;
  counter: number;
  sBar: number;
  xBar: number;
  /** The step size to use for the next transition, exp(x). */
  stepSize: number;
}

/** Starts (or restarts) dual averaging around μ = log(10 ε), Stan's shrinkage point. */
export function dualAveragingInit(stepSize: number): DualAveragingState {
  return { mu: Math.log(10 * stepSize), counter: 0, sBar: 0, xBar: 0, stepSize };
}

export function dualAveragingUpdate(s: DualAveragingState, acceptStat: number, settings: DualAveragingSettings): void {
  s.counter++;
  const a = acceptStat > 1 ? 1 : acceptStat;
  const eta = 1 / (s.counter + settings.t0);
  s.sBar = (1 - eta) * s.sBar + eta * (settings.delta - a);
  const x = s.mu - (s.sBar * Math.sqrt(s.counter)) / settings.gamma;
  const xEta = Math.pow(s.counter, -settings.kappa);
  s.xBar = (1 - xEta) * s.xBar + xEta * x;
  s.stepSize = Math.exp(x);
}

/** The adapted step size used after warmup: exp(x̄). */
export function dualAveragingFinal(s: DualAveragingState): number {
  return Math.exp(s.xBar);
}
