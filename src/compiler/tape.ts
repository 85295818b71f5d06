/**
 * The reference evaluator's scalar reverse-mode tape: one object per operation, each with its local
 * partials, so gradients follow from the primitives' derivatives alone. Test oracle only.
 */
import { digamma } from "../math/digamma.js";
import { lgamma } from "../math/lgamma.js";
import { Phi } from "../math/Phi.js";

export interface Node {
  v: number;
  /** Parents and the local partials d(this)/d(parent). */
  p: Node[];
  d: number[];
  adj: number;
}

/** Thrown inside an evaluation when a value leaves its support; caught at the top as -Infinity. */
export class OutOfSupport extends Error {}

export class Tape {
  readonly nodes: Node[] = [];
  node(v: number, p: Node[] = [], d: number[] = []): Node {
    const n = { v, p, d, adj: 0 };
    this.nodes.push(n);
    return n;
  }
  c(v: number): Node {
    return this.node(v);
  }
  add(a: Node, b: Node): Node {
    return this.node(a.v + b.v, [a, b], [1, 1]);
  }
  sub(a: Node, b: Node): Node {
    return this.node(a.v - b.v, [a, b], [1, -1]);
  }
  mul(a: Node, b: Node): Node {
    return this.node(a.v * b.v, [a, b], [b.v, a.v]);
  }
  div(a: Node, b: Node): Node {
    return this.node(a.v / b.v, [a, b], [1 / b.v, -a.v / (b.v * b.v)]);
  }
  pow(a: Node, b: Node): Node {
    const v = Math.pow(a.v, b.v);
    return this.node(v, [a, b], [b.v * Math.pow(a.v, b.v - 1), v * Math.log(a.v)]);
  }
  unary(fn: string, a: Node): Node {
    const x = a.v;
    switch (fn) {
      case "neg":
        return this.node(-x, [a], [-1]);
      case "exp":
        return this.node(Math.exp(x), [a], [Math.exp(x)]);
      case "log":
        return this.node(Math.log(x), [a], [1 / x]);
      case "log1p":
        return this.node(Math.log1p(x), [a], [1 / (1 + x)]);
      case "expm1":
        return this.node(Math.expm1(x), [a], [Math.exp(x)]);
      case "sqrt":
        return this.node(Math.sqrt(x), [a], [0.5 / Math.sqrt(x)]);
      case "square":
        return this.node(x * x, [a], [2 * x]);
      case "invLogit": {
        const s = 1 / (1 + Math.exp(-x));
        return this.node(s, [a], [s * (1 - s)]);
      }
      case "logInvLogit":
        // log(1/(1+e^-x)) = -log1p(e^-x), written for both signs without overflow.
        return this.node(x > 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)), [a], [1 / (1 + Math.exp(x))]);
      case "log1mInvLogit":
        return this.node(x > 0 ? -x - Math.log1p(Math.exp(-x)) : -Math.log1p(Math.exp(x)), [a], [-1 / (1 + Math.exp(-x))]);
      case "lgamma":
        return this.node(lgamma(x), [a], [digamma(x)]);
      case "abs":
        // Only the reference's own densities use abs (double_exponential); the subgradient at 0 is 0.
        return this.node(Math.abs(x), [a], [x > 0 ? 1 : x < 0 ? -1 : 0]);
      case "Phi":
        return this.node(Phi(x), [a], [Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)]);
    }
    throw new Error(`reference: unknown function ${fn}`);
  }
  backward(out: Node): void {
    out.adj = 1;
    for (let k = this.nodes.length - 1; k >= 0; k--) {
      const n = this.nodes[k];
      if (n.adj === 0) continue;
      for (let j = 0; j < n.p.length; j++) n.p[j].adj += n.adj * n.d[j];
    }
  }
}

export function need(ok: boolean): void {
  if (!ok) throw new OutOfSupport();
}
