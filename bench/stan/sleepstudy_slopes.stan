// sleepstudy: Reaction ~ Days + (Days | Subject), brms-style: r = (diag(sd) * L * z)', LKJ(2) on L.
data {
  int<lower=1> N;
  int<lower=1> J;
  vector[N] y;
  vector[N] days;
  int<lower=1, upper=J> subject[N];
}
parameters {
  real b_Intercept;
  real b_Days;
  vector<lower=0>[2] sd_1;
  matrix[2, J] z_1;
  cholesky_factor_corr[2] L_1;
  real<lower=0> sigma;
}
transformed parameters {
  matrix[J, 2] r_1 = (diag_pre_multiply(sd_1, L_1) * z_1)';
}
model {
  vector[N] mu = b_Intercept + b_Days * days + r_1[subject, 1] + r_1[subject, 2] .* days;
  target += normal_lpdf(y | mu, sigma);
  target += normal_lpdf(b_Intercept | 250, 100);
  target += normal_lpdf(b_Days | 0, 50);
  target += student_t_lpdf(sd_1 | 3, 0, 50);
  target += student_t_lpdf(sigma | 3, 0, 50);
  target += normal_lpdf(to_vector(z_1) | 0, 1);
  target += lkj_corr_cholesky_lpdf(L_1 | 2);
}
