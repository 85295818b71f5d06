# brms on the simulated y-in-1e-6 data of the sweep's abuse table (bench/qa/data/scale-sim.csv, made by
# the python snippet quoted in 2026-11-29-user-sweep.md): does brms cope where hbayes did not?
suppressPackageStartupMessages({ library(brms); library(lme4) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
d <- read.csv("bench/qa/data/scale-sim.csv", stringsAsFactors = TRUE)
print(summary(lmer(ysmall ~ x + (1 | g), d)))
fit <- brm(ysmall ~ x + (1 | g), data = d, chains = 4, iter = 2000, seed = 1, cores = 2, refresh = 0)
print(summary(fit), digits = 8)
