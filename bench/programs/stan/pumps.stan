// BUGS Pumps (hbayes: examples/pumps/model.ts): Poisson counts with exposure, Gamma rates.
data {
  int<lower=1> N;
  int<lower=0> failures[N];
  vector<lower=0>[N] time;
}
parameters {
  real<lower=0> alpha;
  real<lower=0> beta;
  vector<lower=0>[N] lambda;
}
model {
  alpha ~ exponential(1);
  beta ~ gamma(0.1, 1);
  lambda ~ gamma(alpha, beta);
  failures ~ poisson(lambda .* time);
}
