# brms (chains = 4, iter = 2000, seed = 1, default priors) and lme4 fits of the sweep's models,
# on the CSVs of export-data.R read back as a user would. Writes bench/qa/results/<name>-brms.csv
# (posterior::summarise_draws of the population parameters, group sds, cors, family parameters),
# <name>-lme4.txt, and <name>-time.csv (compile, warmup+sampling seconds).
# Usage: Rscript bench/qa/fit-r.R name [name ...]
suppressPackageStartupMessages({ library(brms); library(lme4); library(posterior) })
# Debian's BH package is virtual: point rstan at the system Boost headers (as bench/r/stan-run.R does).
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
rd <- function(n) read.csv(file.path("bench/qa/data", paste0(n, ".csv")), stringsAsFactors = TRUE)
models <- list(
  epilepsy = list(data = "epilepsy", f = count ~ zAge + zBase * Trt + (1 | patient), fam = poisson(),
                  lme4 = function(d) glmer(count ~ zAge + zBase * Trt + (1 | patient), d, family = poisson)),
  grouseticks = list(data = "grouseticks",
                     f = TICKS ~ factor(YEAR) + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION) + (1 | INDEX),
                     fam = poisson(),
                     lme4 = function(d) glmer(TICKS ~ factor(YEAR) + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION) + (1 | INDEX), d, family = poisson)),
  verbagg = list(data = "verbagg80", f = r2y ~ Anger + Gender + btype + mode + (1 + mode | id) + (1 | item),
                 fam = bernoulli(),
                 lme4 = function(d) glmer(r2y ~ Anger + Gender + btype + mode + (1 + mode | id) + (1 | item), d, family = binomial)),
  roaches = list(data = "roaches", f = y ~ roach1s + treatment + senior + offset(log(exposure2)),
                 fam = negbinomial(),
                 lme4 = function(d) MASS::glm.nb(y ~ roach1s + treatment + senior + offset(log(exposure2)), d)),
  penicillin = list(data = "penicillin", f = diameter ~ 1 + (1 | plate) + (1 | sample), fam = gaussian(),
                    lme4 = function(d) lmer(diameter ~ 1 + (1 | plate) + (1 | sample), d)),
  cake = list(data = "cake", f = angle ~ recipe + temp + (1 | recipe:replicate), fam = brmsfamily("gamma"),
              lme4 = function(d) glmer(angle ~ recipe + scale(temp) + (1 | recipe:replicate), d, family = Gamma(link = "log"))),
  insteval = list(data = "insteval150", f = y ~ service + (1 | s) + (1 | d), fam = gaussian(),
                  lme4 = function(d) lmer(y ~ service + (1 | s) + (1 | d), d))
)
for (name in args) {
  m <- models[[name]]
  d <- rd(m$data)
  t_l <- system.time(fl <- m$lme4(d))[["elapsed"]]
  sink(file.path("bench/qa/results", paste0(name, "-lme4.txt")))
  print(summary(fl)); cat("\nelapsed_seconds", t_l, "\n")
  sink()
  t0 <- Sys.time()
  fit <- brm(m$f, data = d, family = m$fam, chains = 4, iter = 2000, seed = 1, cores = 2, refresh = 0)
  total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  el <- rstan::get_elapsed_time(fit$fit)
  dr <- as_draws_df(fit)
  keep <- grep("^(b_|sd_|cor_|sigma$|shape$|Intercept$)", variables(dr), value = TRUE)
  s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
  s <- data.frame(lapply(s, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
  write.csv(s, file.path("bench/qa/results", paste0(name, "-brms.csv")), row.names = FALSE)
  np <- nuts_params(fit)
  div <- sum(np$Value[np$Parameter == "divergent__"])
  leapfrogs <- sum(np$Value[np$Parameter == "n_leapfrog__"])  # sampling iterations only (nuts_params drops warmup)
  write.csv(data.frame(total_seconds = total, sampling_seconds_sum_chains = sum(el),
                       sampling_seconds_max_chain = max(rowSums(el)), divergences = div,
                       leapfrogs = leapfrogs),
            file.path("bench/qa/results", paste0(name, "-time.csv")), row.names = FALSE)
  cat(name, "done", total, "s\n")
}
