/**
 * Posterior draws: chains × draws × variables in one Float64Array.
 *
 * Layout is variable-major, then chain, then draw: value(v, c, d) = data[(v * chains + c) * draws + d],
 * so each variable's chain is one contiguous slice, which is what R-hat, ESS and MCSE read.
 * Sampler diagnostics use CmdStan's names (`lp__`, `accept_stat__`, `stepsize__`, `treedepth__`,
 * `n_leapfrog__`, `divergent__`, `energy__`) and come first; model variables follow.
 */
export interface Draws {
  readonly chains: number;
  readonly draws: number;
  readonly names: readonly string[];
  readonly data: Float64Array;
}

export const SAMPLER_VARIABLES = [
  "lp__",
  "accept_stat__",
  "stepsize__",
  "treedepth__",
  "n_leapfrog__",
  "divergent__",
  "energy__",
] as const;

export function createDraws(names: readonly string[], chains: number, draws: number): Draws {
  return { chains, draws, names: [...names], data: new Float64Array(names.length * chains * draws) };
}

export function variableIndex(d: Draws, name: string): number {
  const i = d.names.indexOf(name);
  if (i < 0) throw new RangeError(`no variable named ${JSON.stringify(name)} in the draws`);
  return i;
}

/** The draws of one variable in one chain (a view, not a copy). */
export function chainOf(d: Draws, variable: number, chain: number): Float64Array {
  const start = (variable * d.chains + chain) * d.draws;
  return d.data.subarray(start, start + d.draws);
}

/** All draws of one variable, chains concatenated (a view). */
export function variableOf(d: Draws, variable: number): Float64Array {
  const start = variable * d.chains * d.draws;
  return d.data.subarray(start, start + d.chains * d.draws);
}

export function setValue(d: Draws, variable: number, chain: number, draw: number, value: number): void {
  d.data[(variable * d.chains + chain) * d.draws + draw] = value;
}

export function getValue(d: Draws, variable: number, chain: number, draw: number): number {
  return d.data[(variable * d.chains + chain) * d.draws + draw];
}

/** Names of the model variables (everything that is not a sampler diagnostic ending in `__`). */
export function modelVariableNames(d: Draws): string[] {
  return d.names.filter((n) => !n.endsWith("__"));
}

/** The draws with more variables after the others; each column holds all draws, chains one after another. */
export function appendVariables(d: Draws, names: readonly string[], columns: readonly Float64Array[]): Draws {
  const block = d.chains * d.draws;
  const out = createDraws([...d.names, ...names], d.chains, d.draws);
  out.data.set(d.data);
  columns.forEach((c, k) => {
    if (c.length !== block) throw new RangeError(`appendVariables: ${names[k]} has ${c.length} values, the draws ${block}`);
    out.data.set(c, (d.names.length + k) * block);
  });
  return out;
}
