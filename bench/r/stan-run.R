# rstan side of `npm run bench`: Rscript stan-run.R JOB.json
# JOB: program (.stan), cache_dir, data (.json), out, chains, warmup, draws, seed, exclude (regex of
# variables left out of the ESS minimum), keys (variables whose mean and MCSE are reported), compile_only.
# The program is copied into cache_dir and compiled with auto_write, so the ~60 s C++ compile is paid
# once; rstan reloads the .rds while the program text is unchanged (compile_cached says which happened).
# Timing definitions follow /work/shared/bench/stan-bench.R: warmup_s and sampling_s are summed over
# chains, us_per_gradient = sampling_s / sampling leapfrogs.
suppressMessages(library(rstan))
if (rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan_options(boost_lib = "/usr/include")  # Debian's BH is virtual
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(script_dir, "common.R"))
job <- read_job()
dir.create(job$cache_dir, recursive = TRUE, showWarnings = FALSE)
copy <- file.path(job$cache_dir, basename(job$program))
if (!file.exists(copy) || !identical(readLines(copy), readLines(job$program))) invisible(file.copy(job$program, copy, overwrite = TRUE))
rds <- sub("\\.stan$", ".rds", copy)
cached <- file.exists(rds) && file.mtime(rds) >= file.mtime(copy)
t_start <- now()
sm <- stan_model(copy, auto_write = TRUE)
compile_s <- now() - t_start
if (isTRUE(job$compile_only)) {
  write_result(list(compile_s = compile_s, compile_cached = cached), job$out)
  quit(save = "no")
}
data <- fromJSON(job$data, simplifyVector = TRUE)
t0 <- now()
fit <- sampling(sm, data = data, chains = job$chains, cores = min(job$chains, parallel::detectCores()),
                iter = job$warmup + job$draws, warmup = job$warmup, seed = job$seed, refresh = 0, open_progress = FALSE)
wall_s <- now() - t0
et <- get_elapsed_time(fit)
sp <- get_sampler_params(fit, inc_warmup = FALSE)
spw <- get_sampler_params(fit, inc_warmup = TRUE)
lf <- sum(sapply(sp, function(m) sum(m[, "n_leapfrog__"])))
lf_all <- sum(sapply(spw, function(m) sum(m[, "n_leapfrog__"])))
t1 <- now()
dr <- as_draws_array(as.array(fit))
e <- ess_summary(dr, job$exclude)
summary_s <- now() - t1
out <- c(list(compile_s = compile_s, compile_cached = cached, warmup_s = sum(et[, 1]), sampling_s = sum(et[, 2]),
              wall_s = wall_s, summary_s = summary_s, total_s = now() - t_start,
              gradients = lf_all, sampling_leapfrogs = lf, us_per_gradient = 1e6 * sum(et[, 2]) / lf,
              divergences = sum(sapply(sp, function(m) sum(m[, "divergent__"])))),
         e, list(keys = key_means(dr, job$keys)), list(versions = list(rstan = as.character(packageVersion("rstan")), stan = stan_version(), R = R.version.string)))
write_result(out, job$out)
