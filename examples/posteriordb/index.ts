/**
 * The posteriordb DSL models by posterior name (`<data>-<model>`, the reference file's name), with the
 * optional hooks a model needs to read posteriordb's Stan data: `fromPosteriordb` reshapes the data
 * (Stan's transformed data, matrices in long format) and `hbayesName` maps a reference variable name
 * to ours where the DSL cannot spell it (matrix parameters).
 */
import type { Model } from "../../src/model/index.js";
import * as dogs from "./dogs-dogs_nonhierarchical.js";
import eightCentered from "./eight_schools-eight_schools_centered.js";
import eightNoncentered from "./eight_schools-eight_schools_noncentered.js";
import glmmPoisson from "./GLMM_Poisson_data-GLMM_Poisson_model.js";
import * as irt2pl from "./irt_2pl-irt_2pl.js";
import * as radonHierIntercept from "./radon_mn-radon_hierarchical_intercept_noncentered.js";
import radonPartiallyPooled from "./radon_mn-radon_partially_pooled_noncentered.js";
import radonInterceptCentered from "./radon_mn-radon_variable_intercept_centered.js";
import radonInterceptNoncentered from "./radon_mn-radon_variable_intercept_noncentered.js";
import radonInterceptSlope from "./radon_mn-radon_variable_intercept_slope_noncentered.js";
import radonSlope from "./radon_mn-radon_variable_slope_noncentered.js";
import rats from "./rats_data-rats_model.js";
import seeds from "./seeds_data-seeds_stanified_model.js";
import surgical from "./surgical_data-surgical_model.js";

type StanData = Readonly<Record<string, unknown>>;

export interface PosteriordbModel {
  readonly model: Model;
  readonly fromPosteriordb?: (data: StanData) => Record<string, unknown>;
  readonly hbayesName?: (referenceName: string, data: StanData) => string;
}

export const POSTERIORDB_MODELS: Readonly<Record<string, PosteriordbModel>> = Object.freeze({
  "eight_schools-eight_schools_noncentered": { model: eightNoncentered },
  "eight_schools-eight_schools_centered": { model: eightCentered },
  "seeds_data-seeds_stanified_model": { model: seeds },
  "surgical_data-surgical_model": { model: surgical },
  "rats_data-rats_model": { model: rats },
  "radon_mn-radon_partially_pooled_noncentered": { model: radonPartiallyPooled },
  "radon_mn-radon_variable_intercept_noncentered": { model: radonInterceptNoncentered },
  "radon_mn-radon_variable_intercept_centered": { model: radonInterceptCentered },
  "radon_mn-radon_variable_slope_noncentered": { model: radonSlope },
  "radon_mn-radon_variable_intercept_slope_noncentered": { model: radonInterceptSlope },
  "radon_mn-radon_hierarchical_intercept_noncentered": {
    model: radonHierIntercept.default,
    fromPosteriordb: radonHierIntercept.fromPosteriordb,
  },
  "GLMM_Poisson_data-GLMM_Poisson_model": { model: glmmPoisson },
  "irt_2pl-irt_2pl": { model: irt2pl.default, fromPosteriordb: irt2pl.fromPosteriordb },
  "dogs-dogs_nonhierarchical": { model: dogs.default, fromPosteriordb: dogs.fromPosteriordb, hbayesName: dogs.hbayesName },
});
