# brms reference fit for the categorical comparison (bench/qa/2026-11-30-categorical.md).
# Simulates bench/qa/data/categorical-sim.csv (400 rows, response in {maybe, no, yes}: R's factor()
# sorts it, so `maybe` is brms's reference category; one numeric x; 12 groups g01 … g12) and fits
# brms's categorical family with (1 | g): chains 4, iter 2000, seed 1, default priors.
# Writes bench/qa/results/cat-sim-brms.csv (posterior::summarise_draws of b_* and sd_*),
# cat-sim-time.csv and cat-sim-prior.csv (get_prior). Usage (repo root): Rscript bench/qa/categorical-brms.R
suppressPackageStartupMessages({ library(brms); library(posterior) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
set.seed(20261130)
n <- 400; J <- 12
g <- sprintf("g%02d", sample(rep(1:J, length.out = n)))
x <- round(rnorm(n), 4)
gi <- as.integer(factor(g))
a_no <- rnorm(J, 0, 0.6); a_yes <- rnorm(J, 0, 0.4)
eta <- cbind(0, 0.3 + 0.8 * x + a_no[gi], -0.2 - 0.5 * x + a_yes[gi])
p <- exp(eta) / rowSums(exp(eta))
labels <- c("maybe", "no", "yes")
y <- labels[apply(p, 1, function(pr) sample(3, 1, prob = pr))]
d <- data.frame(y = y, x = x, g = g)
write.csv(d, "bench/qa/data/categorical-sim.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("bench/qa/data/categorical-sim.csv")
f <- y ~ x + (1 | g)
pr <- get_prior(f, data = d, family = categorical())
write.csv(data.frame(lapply(pr, as.character)), "bench/qa/results/cat-sim-prior.csv", row.names = FALSE)
cached <- file.exists("tmp/categorical/brms-cat-sim.rds")  # a cached fit has no timing to record
t0 <- Sys.time()
fit <- brm(f, data = d, family = categorical(), chains = 4, iter = 2000, seed = 1, cores = 1, refresh = 0,
           file = "tmp/categorical/brms-cat-sim")
total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
el <- rstan::get_elapsed_time(fit$fit)
dr <- as_draws_df(fit)
keep <- grep("^(b_|sd_|r_)", variables(dr), value = TRUE)
s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
s <- data.frame(lapply(s, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
write.csv(s, "bench/qa/results/cat-sim-brms.csv", row.names = FALSE)
np <- nuts_params(fit)
if (!cached) write.csv(data.frame(total_seconds = total, sampling_seconds_sum_chains = sum(el),
                     divergences = sum(np$Value[np$Parameter == "divergent__"]),
                     leapfrogs = sum(np$Value[np$Parameter == "n_leapfrog__"])),
          "bench/qa/results/cat-sim-time.csv", row.names = FALSE)
# log_lik and epred of the first 5 rows at the first 3 draws, for the prediction checks.
ll <- log_lik(fit, draw_ids = 1:3)[, 1:5]
ep <- posterior_epred(fit, draw_ids = 1:3)[, 1:5, ]
saveRDS(list(ll = ll, ep = ep, draws = as_draws_df(fit)[1:3, ]), "tmp/categorical/brms-cat-sim-pred.rds")
cat("done", total, "s\n")

# Second case: an integer response 1 … 4 (brms's categories "1" … "4", predictors mu2, mu3, mu4), a
# numeric and a 3-level factor predictor, no group terms (bench/qa/data/categorical-int4.csv). Longer
# chains (4 × 5000 draws) than the first case: at 4 × 1000 brms's own means of this model's correlated
# intercepts sat 1.8 of their MCSEs from a longer run's, which every hbayes seed then inherited.
set.seed(20261201)
n <- 300
x <- round(rnorm(n), 4)
f <- sample(c("lo", "mid", "hi"), n, TRUE)
fm <- model.matrix(~ factor(f, levels = c("hi", "lo", "mid")))[, -1]
eta <- cbind(0, 0.5 + 0.7 * x + fm %*% c(0.4, -0.3), -0.4 + 0.2 * x + fm %*% c(-0.6, 0.5), 0.1 - 0.9 * x + fm %*% c(0.3, 0.8))
p <- exp(eta) / rowSums(exp(eta))
y <- apply(p, 1, function(pr) sample(4, 1, prob = pr))
write.csv(data.frame(y = y, x = x, f = f), "bench/qa/data/categorical-int4.csv", row.names = FALSE, quote = FALSE)
d2 <- read.csv("bench/qa/data/categorical-int4.csv")
fit2 <- brm(y ~ x + f, data = d2, family = categorical(), chains = 4, iter = 6000, warmup = 1000, seed = 1, cores = 1, refresh = 0,
            file = "tmp/categorical/brms-cat-int4-long")
dr2 <- as_draws_df(fit2)
s2 <- summarise_draws(subset_draws(dr2, variable = grep("^b_", variables(dr2), value = TRUE)), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
write.csv(data.frame(lapply(s2, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x))), "bench/qa/results/cat-int4-brms.csv", row.names = FALSE)
cat("int4 done\n")
