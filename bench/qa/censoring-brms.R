# brms fits for the weights() / cens() comparison (bench/qa/2026-11-29-censoring.md): chains 4,
# iter 2000, seed 1, default priors. Exports the data first (bench/qa/data/kidney.csv, and
# inhaler-agg.csv: brms::inhaler's rows collapsed over subject to counts `n` of identical
# (rating, treat, period, carry) rows, so `weights(n)` reproduces the 572-row likelihood).
# Writes bench/qa/results/cens-<name>-brms.csv (posterior::summarise_draws of b_*, sd_*, shape,
# sigma) and <name>-time.csv.
# Also writes test/validation/fixtures/censoring-brms.json (formula, family, data file and the
# parameters' mean, sd, mcse_mean of every case run) for test/validation/censoring.test.ts.
# Usage (repo root): Rscript bench/qa/censoring-brms.R name [name ...]
#   names: kidney_weibull kidney_lognormal kidney_exponential inhaler_weighted
suppressPackageStartupMessages({ library(brms); library(posterior) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
dir.create("bench/qa/results", showWarnings = FALSE)
kid <- brms::kidney[, c("time", "censored", "patient", "recur", "age", "sex", "disease")]
write.csv(kid, "bench/qa/data/kidney.csv", row.names = FALSE)
inh <- brms::inhaler
agg <- aggregate(list(n = rep(1L, nrow(inh))), by = inh[, c("rating", "treat", "period", "carry")], FUN = sum)
agg <- agg[order(agg$rating, agg$treat, agg$period, agg$carry), ]
write.csv(agg, "bench/qa/data/inhaler-agg.csv", row.names = FALSE)
write.csv(inh[, c("rating", "treat", "period", "carry")], "bench/qa/data/inhaler.csv", row.names = FALSE)
# Fit the data as read back from the CSVs (factor levels in sorted order, as hbayes reads them).
kid <- read.csv("bench/qa/data/kidney.csv", stringsAsFactors = TRUE)
agg <- read.csv("bench/qa/data/inhaler-agg.csv")
kf <- time | cens(censored) ~ age + sex + disease + (1 | patient)
models <- list(
  kidney_weibull = list(data = kid, file = "kidney.csv", f = kf, fam = weibull()),
  kidney_lognormal = list(data = kid, file = "kidney.csv", f = kf, fam = lognormal()),
  kidney_exponential = list(data = kid, file = "kidney.csv", f = kf, fam = exponential()),
  inhaler_weighted = list(data = agg, file = "inhaler-agg.csv", f = rating | weights(n) ~ treat + period + carry, fam = poisson())
)
fixture <- list()
for (name in args) {
  m <- models[[name]]
  t0 <- Sys.time()
  fit <- brm(m$f, data = m$data, family = m$fam, chains = 4, iter = 2000, seed = 1, cores = 1, refresh = 0)
  total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  el <- rstan::get_elapsed_time(fit$fit)
  dr <- as_draws_df(fit)
  keep <- grep("^(b_|sd_|shape$|sigma$)", variables(dr), value = TRUE)
  s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
  s <- data.frame(lapply(s, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
  write.csv(s, file.path("bench/qa/results", paste0("cens-", name, "-brms.csv")), row.names = FALSE)
  np <- nuts_params(fit)
  write.csv(data.frame(total_seconds = total, sampling_seconds_sum_chains = sum(el),
                       divergences = sum(np$Value[np$Parameter == "divergent__"]),
                       leapfrogs = sum(np$Value[np$Parameter == "n_leapfrog__"])),
            file.path("bench/qa/results", paste0("cens-", name, "-time.csv")), row.names = FALSE)
  fixture[[name]] <- list(formula = paste(deparse(m$f, width.cutoff = 500), collapse = ""), family = m$fam$family, data = m$file,
                          parameters = lapply(seq_len(nrow(s)), function(k) list(name = s$variable[k], mean = s$mean[k], sd = s$sd[k], mcse_mean = s$mcse_mean[k])))
  cat(name, "done", total, "s\n")
}
dir.create("test/validation/fixtures", showWarnings = FALSE)
writeLines(jsonlite::toJSON(fixture, auto_unbox = TRUE, digits = I(15), pretty = TRUE), "test/validation/fixtures/censoring-brms.json")
