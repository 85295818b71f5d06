/** Draws with fixed values for every parameter a formula design needs, so effects are computed exactly by hand. */
import type { FormulaDesign } from "../../src/formula/design.js";
import { createDraws, setValue, type Draws } from "../../src/posterior/draws.js";

export function designParameterNames(design: FormulaDesign): string[] {
  const names = [...design.bNames, ...design.aux];
  for (const g of design.groups) names.push(...g.names.r, ...g.names.sd, ...g.names.cor);
  for (const d of design.dpars) {
    names.push(...d.bNames);
    for (const g of d.groups) names.push(...g.names.r, ...g.names.sd, ...g.names.cor);
  }
  return names;
}

/** `value(name, s)` for draw s (chains concatenated); draws per chain `perChain`. */
export function fixedDraws(design: FormulaDesign, value: (name: string, s: number) => number, chains = 2, perChain = 3): Draws {
  const names = designParameterNames(design);
  const d = createDraws(names, chains, perChain);
  names.forEach((n, k) => {
    for (let c = 0; c < chains; c++) for (let i = 0; i < perChain; i++) setValue(d, k, c, i, value(n, c * perChain + i));
  });
  return d;
}
