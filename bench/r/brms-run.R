# brms side of `npm run bench`: Rscript brms-run.R JOB.json
# JOB: csv, factors (columns to make factors), formula, family, priors (hbayes-style "class ~ dist(...)"
# strings, as /work/shared/bench/brms-bench.R reads them), cache_dir, key, out, chains, warmup, draws,
# seed, keys (variables whose mean and MCSE are reported), compile_only.
# The compiled brms model is cached as <cache_dir>/brms-<key>.rds (a fit with no draws); a cached run
# samples with update(recompile = FALSE) and reports the cold compile time recorded with the cache.
if (requireNamespace("rstan", quietly = TRUE) && rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
suppressMessages(library(brms))
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(script_dir, "common.R"))
job <- read_job()
d <- read.csv(job$csv, check.names = FALSE)
for (f in job$factors) d[[f]] <- factor(d[[f]], levels = unique(d[[f]]))
to_prior <- function(s) {
  m <- regmatches(s, regexec("^\\s*([A-Za-z_]+)(\\[([^]]*)\\])?\\s*~\\s*(.+)$", s))[[1]]
  if (nzchar(m[4])) set_prior(m[5], class = m[2], group = m[4]) else set_prior(m[5], class = m[2])
}
pri <- if (length(job$priors) > 0) do.call(c, lapply(job$priors, to_prior)) else NULL
fam <- get(job$family, envir = asNamespace("brms"), mode = "function")()
dir.create(job$cache_dir, recursive = TRUE, showWarnings = FALSE)
cache <- file.path(job$cache_dir, paste0("brms-", job$key, ".rds"))
t_start <- now()
if (file.exists(cache)) {
  base <- readRDS(cache)
  cached <- TRUE
  compile_s <- attr(base, "hbayes_compile_s")
} else {
  base <- brm(as.formula(job$formula), data = d, family = fam, prior = pri, chains = 0, silent = 2, refresh = 0)
  compile_s <- now() - t_start
  attr(base, "hbayes_compile_s") <- compile_s
  saveRDS(base, cache)
  cached <- FALSE
}
setup_s <- now() - t_start
if (isTRUE(job$compile_only)) {
  write_result(list(compile_s = compile_s, compile_cached = cached), job$out)
  quit(save = "no")
}
t0 <- now()
fit <- update(base, newdata = d, recompile = FALSE, chains = job$chains, cores = min(job$chains, parallel::detectCores()),
              iter = job$warmup + job$draws, warmup = job$warmup, seed = job$seed, refresh = 0, silent = 2)
wall_s <- now() - t0
np <- nuts_params(fit)
el <- rstan::get_elapsed_time(fit$fit)
spw <- rstan::get_sampler_params(fit$fit, inc_warmup = TRUE)
lf <- sum(np$Value[np$Parameter == "n_leapfrog__"])
t1 <- now()
dr <- as_draws_df(fit)
v <- variables(dr)
e <- ess_summary(subset_draws(dr, variable = v[grepl("^(b_|sd_|cor_|sigma$|shape$|nu$|phi$|r_)", v)]), NULL)
summary_s <- now() - t1
out <- c(list(compile_s = compile_s, compile_cached = cached, setup_s = setup_s, warmup_s = sum(el[, 1]), sampling_s = sum(el[, 2]),
              wall_s = wall_s, summary_s = summary_s,
              # time to a finished summary as a user without the cache waits: compile + sample + summary
              total_s = compile_s + wall_s + summary_s,
              gradients = sum(sapply(spw, function(m) sum(m[, "n_leapfrog__"]))), sampling_leapfrogs = lf,
              us_per_gradient = 1e6 * sum(el[, 2]) / lf,
              divergences = sum(np$Value[np$Parameter == "divergent__"])),
         e, list(keys = key_means(dr, job$keys)), list(versions = list(brms = as.character(packageVersion("brms")), rstan = as.character(packageVersion("rstan")), R = R.version.string)))
write_result(out, job$out)
