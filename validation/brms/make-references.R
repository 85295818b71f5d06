# brms reference fits for the formula-model validation (run from the repo root):
#   Rscript validation/brms/make-references.R [model names…]
# Reads validation/brms/models.json (formula, family, explicit priors — the same strings hbayes gets —
# and the long-run settings), fits each model whose reference is missing (or those named), and writes
# validation/brms/reference/<name>.json: per parameter mean, sd, q5, q50, q95, mcse_mean, ess_bulk,
# ess_tail, rhat for b_, sd_, cor_, sigma, shape, nu, phi and r_; compile and sampling times
# (rstan::get_elapsed_time per chain) and the load average at each step (the machine is shared).
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
suppressMessages({library(brms); library(jsonlite); library(posterior)})

spec <- fromJSON("validation/brms/models.json", simplifyVector = FALSE)
st <- spec$settings
args <- commandArgs(TRUE)
now <- function() proc.time()[["elapsed"]]
# CPU seconds of this process and its finished children (the compiler, and the forked chains with cores = 2):
# less sensitive than wall time to other engineers' jobs on the same 2 cores.
cpu <- function() { p <- proc.time(); sum(p[c("user.self", "sys.self", "user.child", "sys.child")], na.rm = TRUE) }
loadavg <- function() as.numeric(strsplit(readLines("/proc/loadavg"), " ")[[1]][1:3])

to_prior <- function(s) {
  m <- regmatches(s, regexec("^\\s*([A-Za-z_]+)(\\[([^]]*)\\])?\\s*~\\s*(.+)$", s))[[1]]
  if (nzchar(m[4])) set_prior(m[5], class = m[2], group = m[4]) else set_prior(m[5], class = m[2])
}

for (m in spec$models) {
  if (!is.null(m$reference)) next  # shares another model's reference (e.g. cbind vs trials)
  out_path <- file.path("validation/brms/reference", paste0(m$name, ".json"))
  if (length(args) > 0 && !(m$name %in% args)) next
  if (length(args) == 0 && file.exists(out_path)) next
  cat(format(Sys.time()), "fitting", m$name, "\n")
  d <- read.csv(file.path("validation/brms/data", paste0(m$data, ".csv")))
  for (f in unlist(m$factors)) d[[f]] <- factor(d[[f]])
  pri <- do.call(c, lapply(m$priors, to_prior))
  fam <- brmsfamily(m$family)
  load_compile <- loadavg()
  t0 <- now(); c0 <- cpu()
  base <- brm(as.formula(m$formula), data = d, family = fam, prior = pri, chains = 0, backend = "rstan", silent = 2, refresh = 0)
  compile_s <- now() - t0; compile_cpu_s <- cpu() - c0
  load_sample <- loadavg()
  t1 <- now(); c1 <- cpu()
  fit <- update(base, recompile = FALSE, chains = st$chains, cores = 2, iter = st$warmup + st$draws, warmup = st$warmup,
                seed = st$seed, refresh = 0, silent = 2)
  sample_wall_s <- now() - t1; sample_cpu_s <- cpu() - c1
  el <- rstan::get_elapsed_time(fit$fit)
  t2 <- now()
  dr <- as_draws_df(fit)
  v <- variables(dr)
  v <- v[grepl("^(b_|sd_|cor_|sigma$|shape$|nu$|phi$|r_)", v)]
  s <- summarise_draws(subset_draws(dr, variable = v), "mean", "sd", ~quantile(.x, probs = c(0.05, 0.5, 0.95)),
                       "mcse_mean", "ess_bulk", "ess_tail", "rhat")
  summary_s <- now() - t2
  names(s) <- c("name", "mean", "sd", "q5", "q50", "q95", "mcse_mean", "ess_bulk", "ess_tail", "rhat")
  np <- nuts_params(fit)
  pri_used <- prior_summary(fit)
  out <- list(
    name = m$name, formula = m$formula, family = m$family, priors = m$priors,
    priors_brms = paste(pri_used$class, pri_used$coef, pri_used$group, pri_used$prior, sep = " | "),
    settings = list(chains = st$chains, warmup = st$warmup, draws = st$draws, seed = st$seed, cores = 2),
    timing = list(compile_s = compile_s, compile_cpu_s = compile_cpu_s, sample_wall_s = sample_wall_s, sample_cpu_s = sample_cpu_s, summary_s = summary_s,
                  warmup_s_per_chain = unname(el[, 1]), sampling_s_per_chain = unname(el[, 2]),
                  warmup_s = sum(el[, 1]), sampling_s = sum(el[, 2]),
                  loadavg_compile = load_compile, loadavg_sample = load_sample),
    diagnostics = list(divergences = sum(np$Value[np$Parameter == "divergent__"]),
                       leapfrogs_sampling = sum(np$Value[np$Parameter == "n_leapfrog__"])),
    min_ess_bulk = min(s$ess_bulk), max_rhat = max(s$rhat),
    versions = list(brms = as.character(packageVersion("brms")), rstan = as.character(packageVersion("rstan")), R = R.version.string),
    parameters = s
  )
  write_json(out, out_path, auto_unbox = TRUE, digits = NA, pretty = TRUE, dataframe = "rows")
  cat(format(Sys.time()), m$name, "done: compile", round(compile_s, 1), "s, sampling wall", round(sample_wall_s, 1),
      "s, min ess_bulk", round(min(s$ess_bulk)), "\n")
}
