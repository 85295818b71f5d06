/**
 * categorical_logit on the reference evaluator's tape, in the textbook form the fused emitter must
 * match: log P(y = k) = η_k − log(1 + Σ_j exp(η_j)), η_1 = 0 (no max shift: a test oracle only).
 */
import { need, type Node, type Tape } from "./tape.js";

export function categoricalOnTape(t: Tape, k: number, etas: Node[]): Node {
  need(Number.isInteger(k) && k >= 1 && k <= etas.length + 1);
  let s = t.c(1);
  for (const e of etas) s = t.add(s, t.unary("exp", e));
  const lse = t.unary("log", s);
  return k === 1 ? t.sub(t.c(0), lse) : t.sub(etas[k - 2], lse);
}
