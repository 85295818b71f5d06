// Radon: log_radon ~ floor + (1 | county), brms-style vectorised, non-centred county effects.
data {
  int<lower=1> N;
  int<lower=1> J;
  vector[N] y;
  vector[N] x;
  int<lower=1, upper=J> county[N];
}
parameters {
  real b_Intercept;
  real b_floor;
  real<lower=0> sd_county;
  vector[J] z_county;
  real<lower=0> sigma;
}
transformed parameters {
  vector[J] r_county = sd_county * z_county;
}
model {
  vector[N] mu = b_Intercept + b_floor * x + r_county[county];
  target += normal_lpdf(y | mu, sigma);
  target += normal_lpdf(b_Intercept | 1, 10);
  target += normal_lpdf(b_floor | 0, 10);
  target += student_t_lpdf(sd_county | 3, 0, 2.5);
  target += student_t_lpdf(sigma | 3, 0, 2.5);
  target += normal_lpdf(z_county | 0, 1);
}
