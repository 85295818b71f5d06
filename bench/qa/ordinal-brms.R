# brms fits for the ordinal comparison (bench/qa/2026-11-29-ordinal.md): family cumulative with the
# logit or probit link, chains 4, iter 2000, seed 1, default priors, on bench/qa/data/verbagg80-ordinal.csv
# (ordinal-export.R). Writes bench/qa/results/ord-<name>-brms.csv (posterior::summarise_draws of b_*
# and sd_*) and ord-<name>-time.csv.
# Usage (repo root): Rscript bench/qa/ordinal-brms.R name [name ...]
#   names: va_logit va_probit va_logit_small va_fixed_logit va_fixed_probit
suppressPackageStartupMessages({ library(brms); library(posterior) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv("bench/qa/data/verbagg80-ordinal.csv", stringsAsFactors = TRUE)
d$resp <- factor(d$resp, levels = c("no", "perhaps", "yes"), ordered = TRUE)
full <- resp ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)
models <- list(
  va_logit = list(f = full, fam = cumulative("logit")),
  va_probit = list(f = full, fam = cumulative("probit")),
  va_logit_small = list(f = resp ~ Anger + Gender + (1 | id), fam = cumulative("logit")),
  va_fixed_logit = list(f = resp ~ Anger + Gender + btype + situ, fam = cumulative("logit")),
  va_fixed_probit = list(f = resp ~ Anger + Gender + btype + situ, fam = cumulative("probit"))
)
for (name in args) {
  m <- models[[name]]
  t0 <- Sys.time()
  fit <- brm(m$f, data = d, family = m$fam, chains = 4, iter = 2000, seed = 1, cores = 1, refresh = 0)
  total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  el <- rstan::get_elapsed_time(fit$fit)
  dr <- as_draws_df(fit)
  keep <- grep("^(b_|sd_)", variables(dr), value = TRUE)
  s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
  s <- data.frame(lapply(s, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
  write.csv(s, file.path("bench/qa/results", paste0("ord-", name, "-brms.csv")), row.names = FALSE)
  np <- nuts_params(fit)
  write.csv(data.frame(total_seconds = total, sampling_seconds_sum_chains = sum(el),
                       divergences = sum(np$Value[np$Parameter == "divergent__"]),
                       leapfrogs = sum(np$Value[np$Parameter == "n_leapfrog__"])),
            file.path("bench/qa/results", paste0("ord-", name, "-time.csv")), row.names = FALSE)
  cat(name, "done", total, "s\n")
}
