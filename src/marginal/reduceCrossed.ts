/**
 * Rewrites a program so two crossed or nested gaussian intercepts (detectCrossed.ts) are integrated
 * out: both parameters, their priors and the likelihood go; σ, both scales, both locations and the
 * linear coefficients become inputs (transformed parameters with adjoint slots, reduce.ts), so the
 * compiled gradient carries the marginal's gradient through the sds' transforms and anything else
 * they are built from.
 */
import type { Expr, ParamBlock, Program, ProgramData } from "../ir/types.js";
import { mapStatementRefs, mapTransformRefs } from "../ir/mapRefs.js";
import { renumberParams } from "../reparam/expr.js";
import type { InputSpec } from "./detect.js";
import type { CrossedCandidate } from "./detectCrossed.js";
import { appendInputs, type Reduced } from "./reduce.js";
import type { MarginalBlock } from "./types.js";

export function reduceCrossed(program: Program, data: ProgramData, c: CrossedCandidate): Reduced {
  const [pa, pb] = c.params;
  const f = (id: number): number => {
    if (id === pa || id === pb) throw new Error(`reduceCrossed: parameter ${id} is integrated out but still read`);
    return id - (id > pa ? 1 : 0) - (id > pb ? 1 : 0);
  };
  const m = (e: Expr) => renumberParams(e, f);
  const params: ParamBlock[] = program.params.flatMap((p, k) => {
    if (k === pa || k === pb) return [];
    return [{ ...p, transform: mapTransformRefs(p.transform, (r) => (r.src === "param" ? { src: "param", id: f(r.id) } : r)) }];
  });
  const dropped = new Set([c.likelihood, ...c.priors]);
  const statements = program.statements.flatMap((st, k) => (dropped.has(k) ? [] : [mapStatementRefs(st, (r) => (r.src === "param" ? { src: "param", id: f(r.id) } : r))]));
  const tparams = program.tparams.map((tp) => ({ ...tp, expr: m(tp.expr) }));
  const specs: InputSpec[] = [
    { role: "sigma", expr: m(c.sigma), n: 0 },
    { role: "scale_a", expr: m(c.scale[0]), n: 0 },
    { role: "scale_b", expr: m(c.scale[1]), n: 0 },
    { role: "loc_a", expr: m(c.loc[0]), n: 0 },
    { role: "loc_b", expr: m(c.loc[1]), n: 0 },
    ...c.coefs.map((e) => ({ role: "coef", expr: m(e), n: 0 })),
  ];
  const slots = [...program.data];
  const values = [...data];
  const name = program.params[pa].name;
  const inputs = appendInputs(name, specs, { slots, values, tparams, statements });
  const block: MarginalBlock = {
    kind: "normal_normal",
    name,
    groups: c.groups[0],
    observations: c.y.length,
    group: c.group[0],
    y: c.y,
    weight: c.x,
    constant: 0,
    inputs,
    linear: c.coefs.length,
    crossed: { name: program.params[pb].name, groups: c.groups[1], group: c.group[1] },
  };
  return { program: { data: slots, params, tparams, statements, generated: [] }, data: values, block };
}
