/**
 * A non-linear design's parts → `GlmmNonlinear`. brms stops a non-linear fit whose parameter has a
 * coefficient without a prior ("Priors on population-level coefficients are required in non-linear
 * models"); so does this, naming the coefficient and showing the prior to add.
 */
import { UserError } from "../errors.js";
import type { GlmmNonlinear } from "../glmm/nonlinearTypes.js";
import type { GlmmGroup } from "../glmm/types.js";
import type { DesignGroup } from "./design.js";
import type { DesignNonlinear } from "./nonlinearDesign.js";
import type { NlparPriors } from "./nonlinearPriors.js";
import type { GroupPriors } from "./priors.js";

export function toGlmmNonlinear(nl: DesignNonlinear, priors: Readonly<Record<string, NlparPriors>> | undefined, toGroup: (g: DesignGroup, gp: GroupPriors) => GlmmGroup): GlmmNonlinear {
  if (!priors) throw new Error("toGlmmNonlinear: the priors were not resolved for a non-linear design");
  return {
    expr: nl.expr,
    covariates: nl.covariateValues,
    blocks: nl.blocks.map((b) => ({ members: b.members })),
    nlpars: nl.nlpars.map((p) => {
      const pr = priors[p.name];
      const flat = p.X.names.filter((_, k) => pr.b[k].dist.family === "flat");
      if (flat.length > 0) {
        throw new UserError(
          `prior: a non-linear model needs a prior on every coefficient of its parameters, as brms requires; ${flat.map((x) => `b_${p.name}_${x}`).join(", ")} ${flat.length > 1 ? "have" : "has"} none: add e.g. --prior "normal(0, 5), nlpar = ${p.name}" (API: priors: ["normal(0, 5), nlpar = ${p.name}"]), on the scale you expect ${p.name} to have`,
        );
      }
      return {
        name: p.name,
        X: { names: p.X.names, values: p.X.values, priors: pr.b.map((r) => r.dist) },
        ...(pr.lb !== undefined ? { lb: pr.lb } : {}),
        ...(pr.ub !== undefined ? { ub: pr.ub } : {}),
        groups: p.groups.map((g, gi) => toGroup(g, pr.groups[gi])),
      };
    }),
  };
}
