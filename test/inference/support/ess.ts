/** Test helpers: the real ESS and MCSE (src/diagnostics, matching R's posterior) plus mean and sd. */
export { essBasic, mcseMean } from "../../../src/diagnostics/index.js";

export function mean(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

export function sd(xs: Float64Array): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}
