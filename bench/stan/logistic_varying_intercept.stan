// Varying-intercept logistic regression, brms-like vectorised (no GLM primitive).
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
  target += bernoulli_logit_lpmf(y | b_Intercept + X * b + r_g[g]);
  target += normal_lpdf(b_Intercept | 0, 5);
  target += normal_lpdf(b | 0, 2);
  target += student_t_lpdf(sd_g | 3, 0, 2.5);
  target += normal_lpdf(z_g | 0, 1);
}
