# brms fits for the s() comparison (bench/qa/2026-11-29-smooths.md): chains 4, iter 2000, seed 1,
# default priors. Exports the data first: bench/qa/data/mcycle.csv (MASS::mcycle) and two
# simulated data sets with a smooth and a group effect (set.seed(20261129)):
#   smooth-gaussian.csv  y = sin(2 pi x) + u_g + N(0, 0.3^2), 200 rows, 10 groups
#   smooth-poisson.csv   count ~ Poisson(exp(0.5 + 0.8 sin(2 pi x) + u_g)), 200 rows, 10 groups
# Writes bench/qa/results/smooths-<name>-brms.csv (summarise_draws of b_*, bs_*, sds_*, sd_*, sigma)
# and smooths-<name>-curve.csv (posterior_epred at 20 new x, re_formula = NA: mean, sd, mcse_mean),
# and test/formula/fixtures/smooths-brms.json (all cases run, with the sign of brms's Xs against x) for
# test/formula/smoothsBrms.test.ts and test/slow/formula/smoothsBrms.test.ts.
# Usage (repo root): Rscript bench/qa/smooths-brms.R name [name ...]
#   names: mcycle_tp mcycle_cr gaussian_group poisson_group
suppressPackageStartupMessages({ library(brms); library(posterior) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
dir.create("bench/qa/results", showWarnings = FALSE)
write.csv(MASS::mcycle, "bench/qa/data/mcycle.csv", row.names = FALSE)
set.seed(20261129)
n <- 200; g <- rep(sprintf("g%02d", 1:10), each = 20); x <- round(runif(n), 4); u <- rnorm(10, 0, 0.5)
gi <- as.integer(factor(g))
write.csv(data.frame(x = x, g = g, y = round(sin(2 * pi * x) + u[gi] + rnorm(n, 0, 0.3), 4)),
          "bench/qa/data/smooth-gaussian.csv", row.names = FALSE)
write.csv(data.frame(x = x, g = g, count = rpois(n, exp(0.5 + 0.8 * sin(2 * pi * x) + u[gi]))),
          "bench/qa/data/smooth-poisson.csv", row.names = FALSE)
mc <- read.csv("bench/qa/data/mcycle.csv")
ga <- read.csv("bench/qa/data/smooth-gaussian.csv", stringsAsFactors = TRUE)
po <- read.csv("bench/qa/data/smooth-poisson.csv", stringsAsFactors = TRUE)
grid01 <- seq(0.02, 0.98, length.out = 20)
models <- list(
  mcycle_tp = list(data = mc, file = "mcycle.csv", f = accel ~ s(times), fam = gaussian(), x = "times", grid = seq(3, 57, length.out = 20)),
  mcycle_cr = list(data = mc, file = "mcycle.csv", f = accel ~ s(times, bs = "cr", k = 12), fam = gaussian(), x = "times", grid = seq(3, 57, length.out = 20)),
  gaussian_group = list(data = ga, file = "smooth-gaussian.csv", f = y ~ s(x) + (1 | g), fam = gaussian(), x = "x", grid = grid01),
  poisson_group = list(data = po, file = "smooth-poisson.csv", f = count ~ s(x) + (1 | g), fam = poisson(), x = "x", grid = grid01)
)
fixture <- if (file.exists("test/formula/fixtures/smooths-brms.json")) jsonlite::fromJSON("test/formula/fixtures/smooths-brms.json", simplifyVector = FALSE) else list()
for (name in args) {
  m <- models[[name]]
  cached <- file.exists(file.path("tmp", paste0("smooths-", name, ".rds")))
  t0 <- Sys.time()
  fit <- brm(m$f, data = m$data, family = m$fam, chains = 4, iter = 2000, seed = 1, cores = 2, refresh = 0,
             file = file.path("tmp", paste0("smooths-", name)))  # tmp/ is git-ignored; reruns reuse the fit
  total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  el <- rstan::get_elapsed_time(fit$fit)
  dr <- as_draws_df(fit)
  keep <- grep("^(b_|bs_|sds_|sd_|s_|sigma$)", variables(dr), value = TRUE)
  s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
  s <- data.frame(lapply(s, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
  write.csv(s, file.path("bench/qa/results", paste0("smooths-", name, "-brms.csv")), row.names = FALSE)
  nd <- data.frame(m$grid); names(nd) <- m$x
  ep <- posterior_epred(fit, newdata = nd, re_formula = NA)
  epd <- as_draws_array(array(ep, dim = c(1000, 4, ncol(ep)), dimnames = list(NULL, NULL, paste0("epred[", seq_len(ncol(ep)), "]"))))
  cs <- summarise_draws(epd, mean, sd, mcse_mean)
  curve <- data.frame(x = m$grid, mean = as.numeric(cs$mean), sd = as.numeric(cs$sd), mcse_mean = as.numeric(cs$mcse_mean))
  write.csv(curve, file.path("bench/qa/results", paste0("smooths-", name, "-curve.csv")), row.names = FALSE)
  np <- nuts_params(fit)
  # total_seconds (compile + sampling) only when the fit ran here, not when read back from tmp/.
  write.csv(data.frame(total_seconds = if (cached) NA else total, sampling_seconds_sum_chains = sum(el),
                       divergences = sum(np$Value[np$Parameter == "divergent__"]),
                       leapfrogs = sum(np$Value[np$Parameter == "n_leapfrog__"])),
            file.path("bench/qa/results", paste0("smooths-", name, "-time.csv")), row.names = FALSE)
  # The sign of brms's Xs column relative to x (LAPACK's eigenvector sign; hbayes orients Xs increasing in x).
  xs_sign <- sign(cor(standata(fit)$Xs[, 1], m$data[[m$x]]))
  fixture[[name]] <- list(formula = paste(deparse(m$f, width.cutoff = 500), collapse = ""), family = m$fam$family, data = m$file, x = m$x, xs_sign = xs_sign,
                          parameters = lapply(seq_len(nrow(s)), function(k) list(name = s$variable[k], mean = s$mean[k], sd = s$sd[k], mcse_mean = s$mcse_mean[k])),
                          curve = lapply(seq_len(nrow(curve)), function(k) as.list(curve[k, ])))
  writeLines(jsonlite::toJSON(fixture, auto_unbox = TRUE, digits = I(15), pretty = TRUE), "test/formula/fixtures/smooths-brms.json")
  cat(name, "done", total, "s\n")
}
