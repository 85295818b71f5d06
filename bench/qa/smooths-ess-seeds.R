# sds_stimes_1's bulk ESS and leapfrogs of brms on mcycle 'accel ~ s(times)' over seeds 1-3 (4 chains x 2000, defaults):
# the check behind the session-8 note in 2026-11-29-smooths.md. Run from the repository root: Rscript bench/qa/smooths-ess-seeds.R
suppressMessages({ library(brms); library(posterior) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
d <- read.csv("bench/qa/data/mcycle.csv")
fit <- brm(accel ~ s(times), data = d, chains = 4, iter = 2000, seed = 1, refresh = 0)
for (s in 1:3) {
  f <- update(fit, seed = s, refresh = 0)
  np <- nuts_params(f)
  cat(s, "ess sds", ess_bulk(as_draws_array(f, variable = "sds_stimes_1")), "leapfrogs", sum(np$Value[np$Parameter == "n_leapfrog__"]), "div", sum(np$Value[np$Parameter == "divergent__"]), "\n")
}
