# brms fits for the zero-inflated / hurdle comparison (bench/qa/2026-11-29-zero-inflated.md):
# chains 4, iter 2000, seed 1, default priors. Writes bench/qa/results/zi-<name>-brms.csv
# (posterior::summarise_draws of b_*, sd_*, shape, zi, hu) and <name>-time.csv.
# Usage (repo root): Rscript bench/qa/zero-inflated-brms.R name [name ...]
#   names: grouse_zip grouse_hp roaches_zinb roaches_hnb
suppressPackageStartupMessages({ library(brms); library(posterior) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
rd <- function(n) read.csv(file.path("bench/qa/data", paste0(n, ".csv")), stringsAsFactors = TRUE)
grouse <- TICKS ~ scale(HEIGHT) + factor(YEAR) + (1 | BROOD)
roach <- y ~ roach1s + treatment + senior + offset(log(exposure2))
models <- list(
  grouse_zip = list(data = "grouseticks", f = grouse, fam = zero_inflated_poisson()),
  grouse_hp = list(data = "grouseticks", f = grouse, fam = hurdle_poisson()),
  roaches_zinb = list(data = "roaches", f = roach, fam = zero_inflated_negbinomial()),
  roaches_hnb = list(data = "roaches", f = roach, fam = hurdle_negbinomial())
)
for (name in args) {
  m <- models[[name]]
  d <- rd(m$data)
  t0 <- Sys.time()
  fit <- brm(m$f, data = d, family = m$fam, chains = 4, iter = 2000, seed = 1, cores = 1, refresh = 0)
  total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  el <- rstan::get_elapsed_time(fit$fit)
  dr <- as_draws_df(fit)
  keep <- grep("^(b_|sd_|shape$|zi$|hu$)", variables(dr), value = TRUE)
  s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
  s <- data.frame(lapply(s, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
  write.csv(s, file.path("bench/qa/results", paste0("zi-", name, "-brms.csv")), row.names = FALSE)
  np <- nuts_params(fit)
  write.csv(data.frame(total_seconds = total, sampling_seconds_sum_chains = sum(el),
                       divergences = sum(np$Value[np$Parameter == "divergent__"]),
                       leapfrogs = sum(np$Value[np$Parameter == "n_leapfrog__"])),
            file.path("bench/qa/results", paste0("zi-", name, "-time.csv")), row.names = FALSE)
  cat(name, "done", total, "s\n")
}
