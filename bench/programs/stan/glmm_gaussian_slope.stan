// brms's parametrisation of y ~ X + (1 + Z | g), gaussian: centred predictors, correlated group
// effects r = (diag(sd) * L * z)' with an LKJ prior on the Cholesky factor L. Priors come as data.
data {
  int<lower=1> N;
  int<lower=1> K;
  matrix[N, K] X;
  vector[N] y;
  int<lower=1> J;
  int<lower=1, upper=J> g[N];
  vector[N] Z;                     // the varying slope's column
  vector[2] prior_Intercept;       // normal(location, scale)
  real<lower=0> prior_b_scale;     // normal(0, scale)
  real<lower=0> prior_sd_scale;    // half student_t(3, 0, scale), both sds
  real<lower=0> prior_sigma_scale; // half student_t(3, 0, scale)
  real<lower=0> prior_lkj_eta;
}
transformed data {
  vector[K] means_X;
  matrix[N, K] Xc;
  for (k in 1:K) {
    means_X[k] = mean(X[, k]);
    Xc[, k] = X[, k] - means_X[k];
  }
}
parameters {
  real Intercept;
  vector[K] b;
  vector<lower=0>[2] sd_1;
  matrix[2, J] z_1;
  cholesky_factor_corr[2] L_1;
  real<lower=0> sigma;
}
transformed parameters {
  matrix[J, 2] r_1 = (diag_pre_multiply(sd_1, L_1) * z_1)';
}
model {
  target += normal_lpdf(y | Intercept + Xc * b + r_1[g, 1] + r_1[g, 2] .* Z, sigma);
  target += normal_lpdf(Intercept | prior_Intercept[1], prior_Intercept[2]);
  target += normal_lpdf(b | 0, prior_b_scale);
  target += student_t_lpdf(sd_1 | 3, 0, prior_sd_scale);
  target += student_t_lpdf(sigma | 3, 0, prior_sigma_scale);
  target += std_normal_lpdf(to_vector(z_1));
  target += lkj_corr_cholesky_lpdf(L_1 | prior_lkj_eta);
}
generated quantities {
  real b_Intercept = Intercept - dot_product(means_X, b);
  real cor_1 = multiply_lower_tri_self_transpose(L_1)[1, 2];
}
