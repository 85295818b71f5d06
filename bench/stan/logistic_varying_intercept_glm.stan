// Same model as logistic_varying_intercept.stan through Stan's fused bernoulli_logit_glm.
data {
  int<lower=1> N;
  int<lower=1> J;
  int<lower=1> K;
  matrix[N, K] X;
  int<lower=0, upper=1> y[N];
  int<lower=1, upper=J> g[N];
}
parameters {
  real b_Intercept;
  vector[K] b;
  real<lower=0> sd_g;
  vector[J] z_g;
}
transformed parameters {
  vector[J] r_g = sd_g * z_g;
}
model {
  target += bernoulli_logit_glm_lpmf(y | X, b_Intercept + r_g[g], b);
  target += normal_lpdf(b_Intercept | 0, 5);
  target += normal_lpdf(b | 0, 2);
  target += student_t_lpdf(sd_g | 3, 0, 2.5);
  target += normal_lpdf(z_g | 0, 1);
}
