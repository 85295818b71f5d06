# hbayes (an --out folder's CmdStan CSVs) against brms (results/<name>-brms.csv of fit-r.R).
# Usage: Rscript bench/qa/compare.R name hbayes_out_dir
# Means agree when |Δmean| < 4·sqrt(mcse_mean₁² + mcse_mean₂²); sds likewise with mcse_sd.
suppressPackageStartupMessages({ library(posterior) })
args <- commandArgs(trailingOnly = TRUE)
name <- args[1]; dir <- args[2]
files <- Sys.glob(file.path(dir, "draws-*.csv"))
# The draws files name labelled parameters positionally; the original names are in '# hbayes_names'.
hn <- grep("^# hbayes_names = ", readLines(files[1], n = 200), value = TRUE)
dr <- as_draws_df(rstan::read_stan_csv(files))
vars <- setdiff(variables(dr), c("lp__"))
orig <- if (length(hn) == 1) jsonlite::fromJSON(sub("^# hbayes_names = ", "", hn)) else vars
stopifnot(length(vars) == length(orig))
variables(dr) <- c(orig, "lp__")[match(variables(dr), c(vars, "lp__"))]
b <- read.csv(file.path("bench/qa/results", paste0(name, "-brms.csv")))
h <- summarise_draws(subset_draws(dr, variable = intersect(b$variable, orig)), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk)
h <- as.data.frame(lapply(h, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
m <- merge(h, b, by = "variable", suffixes = c("_hb", "_brms"), sort = FALSE)
m$z_mean <- (m$mean_hb - m$mean_brms) / sqrt(m$mcse_mean_hb^2 + m$mcse_mean_brms^2)
m$z_sd <- (m$sd_hb - m$sd_brms) / sqrt(m$mcse_sd_hb^2 + m$mcse_sd_brms^2)
out <- data.frame(variable = m$variable, hb_mean = m$mean_hb, hb_sd = m$sd_hb, brms_mean = m$mean_brms, brms_sd = m$sd_brms,
                  z_mean = m$z_mean, z_sd = m$z_sd, hb_ess = m$ess_bulk_hb, brms_ess = m$ess_bulk_brms)
missing <- setdiff(b$variable, orig)
if (length(missing) > 0) cat("in brms but not in hbayes:", missing, "\n")
write.csv(out, file.path("bench/qa/results", paste0(name, "-compare.csv")), row.names = FALSE)
print(format(out, digits = 3), row.names = FALSE)
cat(sprintf("%s: %d/%d means and %d/%d sds within 4 combined MCSE\n", name, sum(abs(out$z_mean) < 4), nrow(out), sum(abs(out$z_sd) < 4), nrow(out)))
