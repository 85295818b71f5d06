// brms's parametrisation of y | trials(n) ~ X + (1 | g), binomial with logit link: centred
// predictors, non-centred group effects. Priors come as data.
data {
  int<lower=1> N;
  int<lower=1> K;
  matrix[N, K] X;
  int<lower=0> y[N];
  int<lower=0> trials[N];
  int<lower=1> J;
  int<lower=1, upper=J> g[N];
  vector[2] prior_Intercept;     // normal(location, scale)
  real<lower=0> prior_b_scale;   // normal(0, scale)
  real<lower=0> prior_sd_scale;  // half student_t(3, 0, scale)
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
  real<lower=0> sd_1;
  vector[J] z_1;
}
transformed parameters {
  vector[J] r_1_1 = sd_1 * z_1;
}
model {
  target += binomial_logit_lpmf(y | trials, Intercept + Xc * b + r_1_1[g]);
  target += normal_lpdf(Intercept | prior_Intercept[1], prior_Intercept[2]);
  target += normal_lpdf(b | 0, prior_b_scale);
  target += student_t_lpdf(sd_1 | 3, 0, prior_sd_scale);
  target += std_normal_lpdf(z_1);
}
generated quantities {
  real b_Intercept = Intercept - dot_product(means_X, b);
}
