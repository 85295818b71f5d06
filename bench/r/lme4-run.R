# lme4 side of `npm run bench`: Rscript lme4-run.R JOB.json
# JOB: csv, factors, formula, family ("gaussian" → lmer (REML), otherwise glmer with that family), out,
# repeats. A maximum-likelihood point estimate, not a posterior: no ESS, no gradients; the time is the
# median of `repeats` fits (the first also pays for lme4's own warm-up).
suppressMessages(library(lme4))
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(script_dir, "common.R"))
job <- read_job()
d <- read.csv(job$csv, check.names = FALSE)
for (f in job$factors) d[[f]] <- factor(d[[f]], levels = unique(d[[f]]))
f <- as.formula(job$formula)
one <- function() {
  t0 <- now()
  m <- if (job$family == "gaussian") lmer(f, data = d) else glmer(f, data = d, family = get(job$family)())
  s <- summary(m)
  list(m = m, s = now() - t0)
}
runs <- lapply(seq_len(max(1, job$repeats)), function(i) one())
times <- sapply(runs, function(r) r$s)
m <- runs[[1]]$m
out <- list(fit_s = median(times), first_fit_s = times[1], repeats = length(times), total_s = median(times),
            converged = is.null(m@optinfo$conv$lme4$messages), fixef = as.list(fixef(m)),
            versions = list(lme4 = as.character(packageVersion("lme4")), R = R.version.string))
write_result(out, job$out)
