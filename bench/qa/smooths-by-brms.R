# brms fits for s(x, by = …) (bench/qa/2026-11-30-smooths-by.md): chains 4, iter 2000, seed 1, default
# priors. Exports bench/qa/data/smooth-by.csv first (set.seed(20261130), 300 rows):
#   f in a, b, c (100 rows each), x ~ U(0, 1), z ~ N(1, 0.5²) rounded to 3 digits
#   y  = (0, 0.5, -0.3)[f] + (sin(2 pi x), 2 (x - 0.5)^2, -cos(2 pi x))[f] + N(0, 0.3²)
#   y2 = 0.5 + z sin(2 pi x) + N(0, 0.3²)
#   y3 = sin(2 pi x) + N(0, (exp(-1 + 1.2 x))²)      (sigma ~ s(x))
# Writes bench/qa/results/smooths-by-<name>-{brms,curve,time}.csv and test/formula/fixtures/smooths-by-brms.json
# (every case run so far: brms's summary of b_*, bs_*, sds_*, sigma, the sign of each Xs column against x on
# its level's rows, and posterior_epred at a grid).
# Usage (repo root): Rscript bench/qa/smooths-by-brms.R name [name ...]   names: by_factor by_numeric sigma_smooth t2_tp
suppressPackageStartupMessages({ library(brms); library(posterior) })
rstan::rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
dir.create("bench/qa/results", showWarnings = FALSE)
set.seed(20261130)
n <- 300
f <- rep(c("a", "b", "c"), each = 100); x <- round(runif(n), 4); z <- round(rnorm(n, 1, 0.5), 3)
fi <- match(f, c("a", "b", "c"))
curves <- cbind(sin(2 * pi * x), 2 * (x - 0.5)^2, -cos(2 * pi * x))
y <- c(0, 0.5, -0.3)[fi] + curves[cbind(1:n, fi)] + rnorm(n, 0, 0.3)
y2 <- 0.5 + z * sin(2 * pi * x) + rnorm(n, 0, 0.3)
y3 <- sin(2 * pi * x) + rnorm(n, 0, exp(-1 + 1.2 * x))
write.csv(data.frame(x = x, f = f, z = z, y = round(y, 4), y2 = round(y2, 4), y3 = round(y3, 4)), "bench/qa/data/smooth-by.csv", row.names = FALSE)
d <- read.csv("bench/qa/data/smooth-by.csv", stringsAsFactors = TRUE)
gx <- seq(0.02, 0.98, length.out = 12)
models <- list(
  by_factor = list(f = bf(y ~ f + s(x, by = f)), grid = data.frame(x = rep(gx, 3), f = rep(c("a", "b", "c"), each = 12))),
  by_numeric = list(f = bf(y2 ~ s(x, by = z)), grid = data.frame(x = gx, z = 1.5)),
  sigma_smooth = list(f = bf(y3 ~ s(x), sigma ~ s(x)), grid = data.frame(x = gx)),
  # t2: the curve is brms's fitted epred at the first 15 rows (posterior_epred without newdata); the newdata
  # version of the same rows goes to smooths-by-t2_tp-newdata.csv, which shows they agree (brms predicts
  # with smoothCon(modCon = 3), keeping the fitting constraint; bench/qa/2026-11-30-smooths-by.md).
  t2_tp = list(f = bf(y2 ~ t2(x, z, bs = "tp")), rows = 1:15)
)
path <- "test/formula/fixtures/smooths-by-brms.json"
fixture <- if (file.exists(path)) jsonlite::fromJSON(path, simplifyVector = FALSE) else list()
for (name in args) {
  m <- models[[name]]
  cached <- file.exists(file.path("tmp", paste0("smooths-by-", name, ".rds")))
  t0 <- Sys.time()
  fit <- brm(m$f, data = d, family = gaussian(), chains = 4, iter = 2000, seed = 1, cores = 2, refresh = 0,
             file = file.path("tmp", paste0("smooths-by-", name)))  # tmp/ is git-ignored; reruns reuse the fit
  total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  el <- rstan::get_elapsed_time(fit$fit)
  dr <- as_draws_df(fit)
  keep <- grep("^(b_|bs_|sds_|sd_|sigma$)", variables(dr), value = TRUE)
  s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
  s <- data.frame(lapply(s, function(v) if (is.numeric(v)) as.numeric(v) else as.character(v)))
  write.csv(s, file.path("bench/qa/results", paste0("smooths-by-", name, "-brms.csv")), row.names = FALSE)
  if (!is.null(m$rows)) {
    m$grid <- d[m$rows, c("x", "z")]
    ep <- posterior_epred(fit)[, m$rows]
    epn <- posterior_epred(fit, newdata = m$grid)
    write.csv(cbind(m$grid, fitted_mean = colMeans(ep), newdata_mean = colMeans(epn)),
              file.path("bench/qa/results", paste0("smooths-by-", name, "-newdata.csv")), row.names = FALSE)
  } else ep <- posterior_epred(fit, newdata = m$grid)
  epd <- as_draws_array(array(ep, dim = c(1000, 4, ncol(ep)), dimnames = list(NULL, NULL, paste0("epred[", seq_len(ncol(ep)), "]"))))
  cs <- summarise_draws(epd, mean, sd, mcse_mean)
  curve <- cbind(m$grid, mean = as.numeric(cs$mean), sd = as.numeric(cs$sd), mcse_mean = as.numeric(cs$mcse_mean))
  write.csv(curve, file.path("bench/qa/results", paste0("smooths-by-", name, "-curve.csv")), row.names = FALSE)
  np <- nuts_params(fit)
  write.csv(data.frame(total_seconds = if (cached) NA else total, sampling_seconds_sum_chains = sum(el),
                       divergences = sum(np$Value[np$Parameter == "divergent__"]),
                       leapfrogs = sum(np$Value[np$Parameter == "n_leapfrog__"])),
            file.path("bench/qa/results", paste0("smooths-by-", name, "-time.csv")), row.names = FALSE)
  # The sign of each one-column Xs against x on the rows where it is not zero (hbayes orients it increasing in x).
  sd0 <- standata(fit)
  xs_sign <- list()
  for (nm in grep("^Xs", names(sd0), value = TRUE)) {
    X <- sd0[[nm]]
    if (!is.matrix(X) || ncol(X) == 0) next
    for (j in seq_len(ncol(X))) {
      rows <- X[, j] != 0
      xs_sign[[paste0("bs", sub("^Xs", "", nm), "_", colnames(X)[j])]] <- sign(cor(X[rows, j], d$x[rows]))
    }
  }
  fixture[[name]] <- list(formula = paste(deparse(m$f$formula, width.cutoff = 500), collapse = ""),
                          dpars = lapply(m$f$pforms, function(p) paste(deparse(p, width.cutoff = 500), collapse = "")),
                          xs_sign = xs_sign,
                          parameters = lapply(seq_len(nrow(s)), function(k) list(name = s$variable[k], mean = s$mean[k], sd = s$sd[k], mcse_mean = s$mcse_mean[k], mcse_sd = s$mcse_sd[k])),
                          curve = lapply(seq_len(nrow(curve)), function(k) as.list(curve[k, ])))
  writeLines(jsonlite::toJSON(fixture, auto_unbox = TRUE, digits = I(15), pretty = TRUE), path)
  cat(name, "done", total, "s\n")
}
