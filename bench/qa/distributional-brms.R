# brms fits for the distributional-regression comparison (bench/qa/2026-11-29-distributional.md):
# chains 4, iter 2000, seed 1, default priors. Writes bench/qa/results/dist-<name>-brms.csv
# (posterior::summarise_draws of b_*, sd_*, shape, sigma), dist-<name>-time.csv, the Stan code
# (dist-<name>.stan) and get_prior (dist-<name>-prior.txt), and
# test/validation/fixtures/distributional-brms.json for test/validation/distributional.test.ts.
# Usage (repo root): Rscript bench/qa/distributional-brms.R name [name ...]
#   names: sleep_sigma sleep_sigma_re epilepsy_shape roaches_zi
suppressPackageStartupMessages({ library(brms); library(posterior) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
dir.create("bench/qa/results", showWarnings = FALSE)
sleep <- read.csv("data/sleepstudy.csv", stringsAsFactors = TRUE)
sleep$Subject <- factor(sleep$Subject)
epi <- read.csv("bench/qa/data/epilepsy.csv", stringsAsFactors = TRUE)
epi$patient <- factor(epi$patient)  # Trt stays 0/1 numeric, as hbayes reads the CSV (b_Trt, not b_Trt1)
roaches <- read.csv("bench/qa/data/roaches.csv")
models <- list(
  sleep_sigma = list(data = sleep, file = "data/sleepstudy.csv", f = bf(Reaction ~ Days + (1 | Subject), sigma ~ Days), fam = gaussian()),
  sleep_sigma_re = list(data = sleep, file = "data/sleepstudy.csv", f = bf(Reaction ~ Days + (Days | Subject), sigma ~ (1 | Subject)), fam = gaussian()),
  epilepsy_shape = list(data = epi, file = "bench/qa/data/epilepsy.csv", f = bf(count ~ zAge + zBase * Trt + (1 | patient), shape ~ Trt), fam = negbinomial()),
  roaches_zi = list(data = roaches, file = "bench/qa/data/roaches.csv", f = bf(y ~ roach1s + treatment + senior + offset(log(exposure2)), zi ~ treatment), fam = zero_inflated_negbinomial())
)
fixfile <- "test/validation/fixtures/distributional-brms.json"
fixture <- if (file.exists(fixfile)) jsonlite::fromJSON(fixfile, simplifyVector = FALSE) else list()
for (name in args) {
  m <- models[[name]]
  writeLines(make_stancode(m$f, data = m$data, family = m$fam), file.path("bench/qa/results", paste0("dist-", name, ".stan")))
  capture.output(print(get_prior(m$f, data = m$data, family = m$fam)), file = file.path("bench/qa/results", paste0("dist-", name, "-prior.txt")))
  t0 <- Sys.time()
  fit <- brm(m$f, data = m$data, family = m$fam, chains = 4, iter = 2000, seed = 1, cores = 1, refresh = 0)
  total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  el <- rstan::get_elapsed_time(fit$fit)
  dr <- as_draws_df(fit)
  keep <- grep("^(b_|sd_|cor_|shape$|sigma$|zi$)", variables(dr), value = TRUE)
  s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
  s <- data.frame(lapply(s, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
  write.csv(s, file.path("bench/qa/results", paste0("dist-", name, "-brms.csv")), row.names = FALSE)
  np <- nuts_params(fit)
  write.csv(data.frame(total_seconds = total, sampling_seconds_sum_chains = sum(el),
                       divergences = sum(np$Value[np$Parameter == "divergent__"]),
                       leapfrogs = sum(np$Value[np$Parameter == "n_leapfrog__"])),
            file.path("bench/qa/results", paste0("dist-", name, "-time.csv")), row.names = FALSE)
  fixture[[name]] <- list(formula = paste(deparse(m$f$formula, width.cutoff = 500), collapse = ""),
                          dpar = paste(deparse(m$f$pforms[[1]], width.cutoff = 500), collapse = ""),
                          family = m$fam$family, data = m$file,
                          parameters = lapply(seq_len(nrow(s)), function(k) list(name = s$variable[k], mean = s$mean[k], sd = s$sd[k], mcse_mean = s$mcse_mean[k], mcse_sd = s$mcse_sd[k])))
}
dir.create(dirname(fixfile), showWarnings = FALSE, recursive = TRUE)
writeLines(jsonlite::toJSON(fixture, auto_unbox = TRUE, digits = NA, pretty = TRUE), fixfile)
