/**
 * Two gaussian varying intercepts integrated out together (crossed, `(1 | a) + (1 | b)`, or nested,
 * `(1 | school/class)`):
 *   y = Wγ + Z_a u_a + Z_b u_b + ε,  u_a ~ N(0, τ_a² I), u_b ~ N(0, τ_b² I), ε ~ N(0, σ² I),
 * W = [X, 1] with γ = (β, loc_a + loc_b), so y ~ N(Wγ, V), V = σ² I + τ_a² Z_aZ_aᵀ + τ_b² Z_bZ_bᵀ.
 * With Z = [Z_L, Z_S] (L the factor with more levels), D = diag(τ_L² I, τ_S² I), Z̃ = Z D^½ and
 *   M = I + σ⁻² Z̃ᵀZ̃ = [[A, B], [Bᵀ, C]],  A = diag(1 + τ_L² n_L/σ²),  B = τ_Lτ_S N/σ²,  C = diag(1 + τ_S² n_S/σ²),
 * (N the cross counts), Woodbury and the determinant lemma give, with r = y − Wγ and t = Z̃ᵀr,
 *   log p = −n log σ − (n/2) log 2π − ½ log|M| − ½ σ⁻² (rᵀr − σ⁻² tᵀM⁻¹t).
 * M never inverts D, so τ → 0 stays finite. M is solved by eliminating the diagonal block A: the Schur
 * complement S = C − BᵀA⁻¹B (J_S × J_S, dense) is factored, log|M| = Σ log A_jj + log|S|.
 * Gradients (α = V⁻¹r, from m = M⁻¹t: α = σ⁻²(r − σ⁻² Z̃m)):
 *   ∂/∂γ = Wᵀα,  ∂/∂σ = σ(αᵀα − tr V⁻¹),  ∂/∂τ_f = τ_f (‖Z_fᵀα‖² − tr Z_fᵀV⁻¹Z_f),
 *   tr V⁻¹ = σ⁻²(n − J_L − J_S + tr M⁻¹),  tr Z_LᵀV⁻¹Z_L = σ⁻² Σ n_L/A − τ_S² σ⁻⁴ tr(S⁻¹ NᵀA⁻²N),
 *   tr Z_SᵀV⁻¹Z_S = tr(S⁻¹ Q) with S = I + τ_S² Q,
 * each written without dividing by a τ (the forms (J − tr_f M⁻¹)/τ_f² cancel as τ_f → 0).
 * Given everything else, v = D^{-½}u ~ N(σ⁻² m, M⁻¹): v_S ~ N(σ⁻² m_S, S⁻¹), then v_L | v_S has the
 * diagonal precision A (crossedConditional).
 */
import { backSolveTranspose } from "../math/cholesky.js";
import { HALF_LOG_2PI } from "../math/constants.js";
import type { Rng } from "../random/rng.js";
import { crossedSolve, readCrossedInputs, type CrossedStats } from "./crossedStats.js";
import type { MarginalBlock } from "./types.js";

/**
 * The lower triangle of S⁻¹ = Lc⁻ᵀ Lc⁻¹ into Sinv (J³/3 multiply-adds: Lc⁻¹ in place of the upper
 * triangle's transpose would alias, so Lc⁻¹ goes to `Li`, then the symmetric product's lower half).
 */
function inverseLower(Lc: Float64Array, J: number, Li: Float64Array, Sinv: Float64Array): void {
  for (let c = 0; c < J; c++) {
    Li[c * J + c] = 1 / Lc[c * J + c];
    for (let i = c + 1; i < J; i++) {
      let t = 0;
      for (let q = c; q < i; q++) t -= Lc[i * J + q] * Li[q * J + c];
      Li[i * J + c] = t / Lc[i * J + i];
    }
  }
  for (let k = 0; k < J; k++) {
    for (let l = 0; l <= k; l++) {
      let t = 0;
      for (let i = k; i < J; i++) t += Li[i * J + k] * Li[i * J + l];
      Sinv[k * J + l] = t;
    }
  }
}

/** Inputs: sigma, scale_a, scale_b, loc_a, loc_b, then the block's `linear` coefficients. Adjoints overwritten. */
export function normalCrossedLogDensity(b: MarginalBlock, v: readonly Float64Array[], adj: readonly Float64Array[], st: CrossedStats): number {
  if (!readCrossedInputs(st, v) || !crossedSolve(st)) return -Infinity;
  const { n, K, P, JL, JS, nL, nS, rowStart, col, cnt, yy, wy, ww, zlw, zsw, delta, cL, cS, tL, tS, dL, mL, mS, H2, Q, Lc, Sinv, gW } = st;
  const s = st.par[0];
  const tauL = st.par[1];
  const tauS = st.par[2];
  const w = 1 / (s * s);
  // rᵀr = y'ᵀy' − 2δᵀWᵀy' + δᵀWᵀWδ and Wᵀr.
  let rr = yy;
  for (let k = 0; k < P; k++) {
    let q = 0;
    for (let l = 0; l < P; l++) q += ww[k * P + l] * delta[l];
    rr += delta[k] * (q - 2 * wy[k]);
    gW[k] = wy[k] - q;
  }
  let logDet = 0;
  let prod = 1;
  let tm = 0;
  let mm = 0;
  let trAinv = 0;
  let nA = 0;
  let gL2 = 0;
  for (let j = 0; j < JL; j++) {
    // Σ log A_jj as the log of a running product (A_jj ≥ 1): one log per many levels.
    prod *= dL[j];
    if (prod > 1e250) {
      logDet += Math.log(prod);
      prod = 1;
    }
    const iD = 1 / dL[j];
    trAinv += iD;
    nA += nL[j] * iD;
    tm += tL[j] * mL[j];
    mm += mL[j] * mL[j];
    let nm = 0;
    for (let p = rowStart[j]; p < rowStart[j + 1]; p++) nm += cnt[p] * mS[col[p]];
    const g = w * (cL[j] - w * (tauL * nL[j] * mL[j] + tauS * nm));
    gL2 += g * g;
  }
  logDet += Math.log(prod);
  for (let k = 0; k < JS; k++) {
    logDet += 2 * Math.log(Lc[k * JS + k]);
    tm += tS[k] * mS[k];
    mm += mS[k] * mS[k];
  }
  // Nᵀm_L (into the free scratch rhs), then ‖Z_Sᵀα‖².
  const ntm = st.rhs;
  ntm.fill(0);
  for (let j = 0; j < JL; j++) for (let p = rowStart[j]; p < rowStart[j + 1]; p++) ntm[col[p]] += cnt[p] * mL[j];
  let gS2 = 0;
  for (let k = 0; k < JS; k++) {
    const g = w * (cS[k] - w * (tauL * ntm[k] + tauS * nS[k] * mS[k]));
    gS2 += g * g;
  }
  // Wᵀα = σ⁻²(Wᵀr − σ⁻² (τ_L Z_LᵀW)ᵀm_L − σ⁻² (τ_S Z_SᵀW)ᵀm_S).
  for (let k = 0; k < P; k++) {
    let t = 0;
    for (let j = 0; j < JL; j++) t += zlw[j * P + k] * mL[j];
    let u = 0;
    for (let q = 0; q < JS; q++) u += zsw[q * P + k] * mS[q];
    gW[k] = w * (gW[k] - w * (tauL * t + tauS * u));
  }
  // S's own buffer is free once factored: it holds Lc⁻¹.
  inverseLower(Lc, JS, st.S, Sinv);
  let trSinv = 0;
  let trSH2 = 0;
  let trSQ = 0;
  // tr(S⁻¹X) for symmetric X from the lower triangles: diagonal once, off-diagonal twice.
  for (let k = 0; k < JS; k++) {
    const row = k * JS;
    trSinv += Sinv[row + k];
    trSH2 += Sinv[row + k] * H2[row + k];
    trSQ += Sinv[row + k] * Q[row + k];
    for (let l = 0; l < k; l++) {
      const e = 2 * Sinv[row + l];
      trSH2 += e * H2[row + l];
      trSQ += e * Q[row + l];
    }
  }
  const trMinv = trAinv + tauL * tauL * tauS * tauS * w * w * trSH2 + trSinv;
  const aa = w * w * (rr - w * tm - w * mm);
  const dSigma = s * (aa - w * (n - JL - JS + trMinv));
  const dTauL = tauL * (gL2 - (w * nA - tauS * tauS * w * w * trSH2));
  const dTauS = tauS * (gS2 - trSQ);
  adj[0][0] = dSigma;
  adj[1][0] = st.swap ? dTauS : dTauL;
  adj[2][0] = st.swap ? dTauL : dTauS;
  adj[3][0] = gW[K];
  adj[4][0] = gW[K];
  for (let k = 0; k < K; k++) adj[5 + k][0] = gW[k];
  return -n * (Math.log(s) + HALF_LOG_2PI) - 0.5 * (logDet + w * (rr - w * tm));
}

/**
 * One draw of both intercepts from their joint conditional (rng null: the conditional mean), into
 * outA (J_a) and outB (J_b); NaN everywhere when the inputs are off the support. Draws J_S normals,
 * then J_L, from rng.
 */
export function crossedConditional(rng: Rng | null, b: MarginalBlock, v: readonly Float64Array[], st: CrossedStats, outA: Float64Array, outB: Float64Array): void {
  if (!readCrossedInputs(st, v) || !crossedSolve(st)) {
    outA.fill(NaN);
    outB.fill(NaN);
    return;
  }
  const { JL, JS, rowStart, col, cnt, tL, dL, mS, Lc } = st;
  const [s, tauL, tauS, locL, locS] = st.par;
  const w = 1 / (s * s);
  const outL = st.swap ? outB : outA;
  const outS = st.swap ? outA : outB;
  // v_S = σ⁻² m_S + Lc⁻ᵀ e (covariance Lc⁻ᵀLc⁻¹ = S⁻¹), kept in rhs; u_S = τ_S v_S + loc_S.
  const vS = st.rhs;
  for (let k = 0; k < JS; k++) vS[k] = rng === null ? 0 : rng.normal();
  backSolveTranspose(Lc, JS, vS, vS);
  for (let k = 0; k < JS; k++) {
    vS[k] += w * mS[k];
    outS[k] = locS + tauS * vS[k];
  }
  // v_L | v_S ~ N(A⁻¹(σ⁻² t_L − B v_S), A⁻¹).
  const cross = tauL * tauS * w;
  for (let j = 0; j < JL; j++) {
    let t = 0;
    for (let p = rowStart[j]; p < rowStart[j + 1]; p++) t += cnt[p] * vS[col[p]];
    const iD = 1 / dL[j];
    const vL = (w * tL[j] - cross * t) * iD + (rng === null ? 0 : rng.normal() * Math.sqrt(iD));
    outL[j] = locL + tauL * vL;
  }
}
