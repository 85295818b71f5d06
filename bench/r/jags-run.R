# JAGS side of `npm run bench`: Rscript jags-run.R JOB.json
# JOB: program (.jags), data (.json), monitor (node names), out, chains, warmup, draws, seed, keys.
# JAGS is a Gibbs/slice sampler: no gradients and no divergences. Its adaptation phase (n.adapt =
# warmup) is its warmup; chains run one after another in one process. ESS from posterior, as for Stan.
suppressMessages(library(rjags))
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(script_dir, "common.R"))
job <- read_job()
data <- fromJSON(job$data, simplifyVector = TRUE)
inits <- lapply(seq_len(job$chains), function(c) list(.RNG.name = "base::Mersenne-Twister", .RNG.seed = job$seed * 100 + c))
t_start <- now()
m <- jags.model(job$program, data = data, inits = inits, n.chains = job$chains, n.adapt = 0, quiet = TRUE)
compile_s <- now() - t_start
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
c0 <- cpu()
t0 <- now()
adapt(m, n.iter = job$warmup, end.adaptation = TRUE)
warmup_s <- now() - t0
t0 <- now()
s <- coda.samples(m, job$monitor, n.iter = job$draws)
sampling_s <- now() - t0
sampler_cpu_s <- cpu() - c0  # JAGS runs its chains in this one single-threaded process
t1 <- now()
dr <- as_draws_array(s)
e <- ess_summary(dr, NULL)
summary_s <- now() - t1
out <- c(list(compile_s = compile_s, compile_cached = FALSE, warmup_s = warmup_s, sampling_s = sampling_s,
              wall_s = warmup_s + sampling_s, sampler_cpu_s = sampler_cpu_s, summary_s = summary_s, total_s = now() - t_start),
         e, list(keys = key_means(dr, job$keys)), list(versions = list(jags = as.character(packageVersion("rjags")), R = R.version.string)))
write_result(out, job$out)
