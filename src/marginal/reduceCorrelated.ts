/**
 * Rewrites a program so correlated group effects (detectCorrelated.ts) are integrated out: the
 * coordinates ζ_k, their priors, the effects r_m and the likelihood go; σ, the entries of C and the
 * linear coefficients β become inputs (transformed parameters with adjoint slots, reduce.ts), so the
 * compiled gradient carries the marginal's gradient through sd, the Cholesky factor's transform and
 * anything else they are built from.
 */
import type { Expr, ParamBlock, Program, ProgramData } from "../ir/types.js";
import { mapRefs, mapStatementRefs, mapTransformRefs, type ArrayRefId } from "../ir/mapRefs.js";
import type { InputSpec } from "./detect.js";
import type { CorrelatedCandidate } from "./detectCorrelated.js";
import { appendInputs, type Reduced } from "./reduce.js";
import type { MarginalBlock } from "./types.js";

type Ref = ArrayRefId;


/** New ids after removing `gone` from 0..count−1 (−1 for removed ones). */
function renumbering(count: number, gone: readonly number[]): Int32Array {
  const out = new Int32Array(count);
  let next = 0;
  for (let k = 0; k < count; k++) out[k] = gone.includes(k) ? -1 : next++;
  return out;
}

/** Also returns old → new transformed parameter ids (−1: an integrated-out effect), for earlier blocks' inputs. */
export function reduceCorrelated(program: Program, data: ProgramData, c: CorrelatedCandidate): Reduced & { readonly tparamMap: Int32Array } {
  const pMap = renumbering(program.params.length, c.coords);
  const tMap = renumbering(program.tparams.length, c.effects);
  const f = (r: Ref): Ref => {
    if (r.src === "data") return r;
    const id = (r.src === "param" ? pMap : tMap)[r.id];
    if (id < 0) throw new Error(`reduceCorrelated: ${r.src} ${r.id} is integrated out but still read`);
    return { src: r.src, id };
  };
  const m = (e: Expr) => mapRefs(e, f);
  const params: ParamBlock[] = program.params.flatMap((p, k) => {
    if (pMap[k] < 0) return [];
    return [{ ...p, transform: mapTransformRefs(p.transform, f) }];
  });
  const dropped = new Set([c.likelihood, ...c.priors]);
  const statements = program.statements.flatMap((st, k) => (dropped.has(k) ? [] : [mapStatementRefs(st, f)]));
  const tparams = program.tparams.flatMap((tp, k) => (tMap[k] < 0 ? [] : [{ ...tp, expr: m(tp.expr) }]));
  const M = c.effects.length;
  const K = c.coords.length;
  const cEntries: number[] = [];
  const specs: InputSpec[] = [{ role: "sigma", expr: m(c.sigma), n: 0 }];
  c.C.forEach((e, at) => {
    if (e === null) return;
    cEntries.push(at);
    specs.push({ role: `C${Math.floor(at / K) + 1}_${(at % K) + 1}`, expr: m(e), n: 0 });
  });
  for (const e of c.coefs) specs.push({ role: "coef", expr: m(e), n: 0 });
  const slots = [...program.data];
  const values = [...data];
  const effectNames = c.effects.map((id) => program.tparams[id].name);
  const name = effectNames[0];
  const inputs = appendInputs(name, specs, { slots, values, tparams, statements });
  const block: MarginalBlock = {
    kind: "normal_normal",
    name,
    groups: c.groups,
    observations: c.y.length,
    group: c.group,
    y: c.y,
    weight: c.x,
    constant: 0,
    inputs,
    linear: c.coefs.length,
    correlated: {
      effects: M,
      dims: K,
      z: c.z,
      cEntries: Int32Array.from(cEntries),
      effectNames,
      coordNames: c.coords.map((k) => program.params[k].name),
    },
  };
  return { program: { data: slots, params, tparams, statements, generated: [] }, data: values, block, tparamMap: tMap };
}
