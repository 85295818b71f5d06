# brms's sampler parameters after warmup (step size, leapfrogs per draw, accept_stat, tree depths) for
# sleepstudy bf(Reaction ~ Days + (Days | Subject), sigma ~ (1 | Subject)), seed 1: the check behind the session-8
# correction in 2026-11-29-distributional.md. Run from the repository root: Rscript bench/qa/sleep-sigma-sampler-params.R
suppressMessages({ library(brms) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
d <- read.csv("data/sleepstudy.csv")
fit <- brm(bf(Reaction ~ Days + (Days | Subject), sigma ~ (1 | Subject)), data = d, chains = 4, iter = 2000, seed = 1, refresh = 0)
sp <- rstan::get_sampler_params(fit$fit, inc_warmup = FALSE)
for (c in 1:4) { s <- sp[[c]]; cat(c, "eps", s[1, "stepsize__"], "mean leapfrog", mean(s[, "n_leapfrog__"]), "accept", mean(s[, "accept_stat__"]), "depth", tabulate(s[, "treedepth__"] + 1, 11), "\n") }
print(summary(fit))
