/**
 * Hand-written log densities for the sampler's tests and benchmark (no compiler involved), and
 * factories for worker targets (`module: new URL("./models.ts", import.meta.url).href`).
 */
import type { LogDensity } from "../../../src/logDensity.js";
import { DomainError } from "../../../src/errors.js";

export interface EightSchoolsData {
  readonly J: number;
  readonly y: readonly number[];
  readonly sigma: readonly number[];
}

export const EIGHT_SCHOOLS: EightSchoolsData = Object.freeze({
  J: 8,
  y: [28, 8, -3, 7, -1, 1, 18, 12],
  sigma: [15, 10, 16, 11, 9, 11, 10, 18],
});

/** Standard normal in `dim` dimensions, optionally with per-coordinate scales. */
export function stdNormal(payload: { dim: number; scales?: number[] }): LogDensity {
  const dim = payload.dim;
  const prec = new Float64Array(dim).fill(1);
  if (payload.scales) for (let i = 0; i < dim; i++) prec[i] = 1 / (payload.scales[i] * payload.scales[i]);
  return {
    dim,
    logDensityGradient(q, g) {
      let s = 0;
      for (let i = 0; i < dim; i++) {
        g[i] = -prec[i] * q[i];
        s -= 0.5 * prec[i] * q[i] * q[i];
      }
      return s;
    },
  };
}

/** Bivariate normal, unit variances, correlation `rho`. */
export function correlatedNormal(payload: { rho: number }): LogDensity {
  const r = payload.rho;
  const c = 1 / (1 - r * r);
  return {
    dim: 2,
    logDensityGradient(q, g) {
      const [x, y] = [q[0], q[1]];
      g[0] = -c * (x - r * y);
      g[1] = -c * (y - r * x);
      return -0.5 * c * (x * x - 2 * r * x * y + y * y);
    },
  };
}

function eightSchoolsNames(J: number, extra: string): string[] {
  const names = ["mu", "tau"];
  for (let j = 1; j <= J; j++) names.push(`theta[${j}]`);
  for (let j = 1; j <= J; j++) names.push(`${extra}[${j}]`);
  return names;
}

/**
 * Non-centred eight schools, unconstrained θ = (theta_trans[1..J], mu, log tau), as Stan orders them.
 * mu ~ N(0, 5), tau ~ half-Cauchy(0, 5) with the log-transform Jacobian, theta_trans ~ N(0, 1),
 * theta = mu + tau·theta_trans, y_j ~ N(theta_j, sigma_j). Constant terms dropped.
 */
export function eightSchoolsNoncentered(data: EightSchoolsData = EIGHT_SCHOOLS): LogDensity {
  const J = data.J;
  const y = Float64Array.from(data.y);
  const s2inv = Float64Array.from(data.sigma, (s) => 1 / (s * s));
  return {
    dim: J + 2,
    outputNames: eightSchoolsNames(J, "theta_trans"),
    logDensityGradient(q, g) {
      const mu = q[J];
      const logTau = q[J + 1];
      const tau = Math.exp(logTau);
      let lp = -0.5 * (mu * mu) / 25 - Math.log1p((tau * tau) / 25) + logTau;
      let dMu = -mu / 25;
      let dTau = (-2 * tau) / 25 / (1 + (tau * tau) / 25);
      for (let j = 0; j < J; j++) {
        const t = q[j];
        const theta = mu + tau * t;
        const r = (y[j] - theta) * s2inv[j];
        lp += -0.5 * t * t - 0.5 * (y[j] - theta) * r;
        g[j] = -t + r * tau;
        dMu += r;
        dTau += r * t;
      }
      g[J] = dMu;
      g[J + 1] = dTau * tau + 1;
      return lp;
    },
    constrain(q, out) {
      const mu = q[J];
      const tau = Math.exp(q[J + 1]);
      out[0] = mu;
      out[1] = tau;
      for (let j = 0; j < J; j++) {
        out[2 + j] = mu + tau * q[j];
        out[2 + J + j] = q[j];
      }
    },
  };
}

/** Centred eight schools, θ = (mu, log tau, theta[1..J]); the funnel that makes Stan diverge. */
export function eightSchoolsCentered(data: EightSchoolsData = EIGHT_SCHOOLS): LogDensity {
  const J = data.J;
  const y = Float64Array.from(data.y);
  const s2inv = Float64Array.from(data.sigma, (s) => 1 / (s * s));
  const names = ["mu", "tau"];
  for (let j = 1; j <= J; j++) names.push(`theta[${j}]`);
  return {
    dim: J + 2,
    outputNames: names,
    logDensityGradient(q, g) {
      const mu = q[0];
      const logTau = q[1];
      const tau = Math.exp(logTau);
      const tau2inv = 1 / (tau * tau);
      let lp = -0.5 * (mu * mu) / 25 - Math.log1p((tau * tau) / 25) + logTau - J * logTau;
      let dMu = -mu / 25;
      let ss = 0;
      for (let j = 0; j < J; j++) {
        const th = q[2 + j];
        const d = th - mu;
        const e = y[j] - th;
        lp += -0.5 * d * d * tau2inv - 0.5 * e * e * s2inv[j];
        g[2 + j] = -d * tau2inv + e * s2inv[j];
        dMu += d * tau2inv;
        ss += d * d;
      }
      g[0] = dMu;
      g[1] = (-2 * tau * tau) / 25 / (1 + (tau * tau) / 25) + ss * tau2inv - J + 1;
      return lp;
    },
    constrain(q, out) {
      out[0] = q[0];
      out[1] = Math.exp(q[1]);
      for (let j = 0; j < J; j++) out[2 + j] = q[2 + j];
    },
  };
}

/** Standard normal truncated to x0 < 1 by returning −∞ beyond: the sampler must treat that as divergence. */
export function rejectingNormal(): LogDensity {
  return {
    dim: 2,
    logDensityGradient(q, g) {
      if (q[0] >= 1) return -Infinity;
      g[0] = -q[0];
      g[1] = -q[1];
      return -0.5 * (q[0] * q[0] + q[1] * q[1]);
    },
  };
}

/** Like rejectingNormal but signals the boundary with a DomainError, as distribution code does. */
export function domainErrorNormal(): LogDensity {
  return {
    dim: 2,
    logDensityGradient(q, g) {
      if (q[0] >= 1) throw new DomainError("normalLpdf: x must be below 1, got " + q[0]);
      g[0] = -q[0];
      g[1] = -q[1];
      return -0.5 * (q[0] * q[0] + q[1] * q[1]);
    },
  };
}

/** Throws an ordinary error after `after` evaluations: sampling must abort with this cause. */
export function throwingNormal(payload: { after: number }): LogDensity {
  let calls = 0;
  return {
    dim: 2,
    logDensityGradient(q, g) {
      if (++calls > payload.after) throw new TypeError("model bug: boom");
      g[0] = -q[0];
      g[1] = -q[1];
      return -0.5 * (q[0] * q[0] + q[1] * q[1]);
    },
  };
}

/** Worker factory over the eight schools variants (payload: { centered?: boolean }). */
export async function eightSchools(payload: { centered?: boolean }): Promise<LogDensity> {
  return payload.centered ? eightSchoolsCentered() : eightSchoolsNoncentered();
}

/**
 * A standard normal whose every gradient also does `work` rounds of arithmetic (a fixed count, not a
 * time): a model expensive enough that sample()'s adaptive choice sends chains to workers.
 */
export function busyNormal(payload: { dim: number; work: number }): LogDensity {
  const inner = stdNormal({ dim: payload.dim });
  let sink = 0;
  return {
    dim: payload.dim,
    logDensityGradient(q, g) {
      let x = q[0];
      for (let k = 0; k < payload.work; k++) x = Math.sin(x) + 1e-3;
      sink += x;
      return inner.logDensityGradient(q, g) + 0 * sink;
    },
  };
}
