# Session 8 brms fits for cens() on counts and trunc() (bench/qa/2026-11-29-censoring.md, "Session 8"):
# chains 4, iter 2000, seed 1, default priors. Simulates the data first (set.seed(20261129), written
# to bench/qa/data/ct-*.csv, read back before fitting so hbayes and brms see the same values):
#   pois_cens   counts with a detection cap: a count ≥ 6 is reported as "at least 6", i.e. y = 5 with
#               cens "right" (brms's right censoring of a count is P(Y > y), poisson_lccdf)
#   binom_cens  successes out of 12, a value ≤ 2 reported as "2 or fewer": y = 2, cens "left"
#   gauss_trunc y | trunc(lb = 0): normal responses observed only when positive
#   pois_trunc  y | trunc(lb = 1): zero-truncated counts
#   nb_cens     overdispersed counts (negative binomial, shape 3) with a detection cap: a count ≥ 10 is
#               y = 9 with cens "right"
#   st_cens     robust regression with a detection limit: y = 1 + 0.5x + r_g + 1.2·t_4, a value below
#               −0.5 reported as left-censored at −0.5
#   kidney_gamma brms::kidney (bench/qa/data/kidney.csv) with family Gamma(link = "log"): censored
#               gamma survival times (brms's Gamma() default link is "inverse"; the log link is asked for)
# Writes bench/qa/results/ct-<name>-brms.csv (summarise_draws of b_*, sd_*, sigma) and -time.csv, and
# test/validation/fixtures/censtrunc-brms.json for test/validation/censtrunc.test.ts.
# Usage (repo root): Rscript bench/qa/censtrunc-brms.R name [name ...]
suppressPackageStartupMessages({ library(brms); library(posterior) })
if (rstan::rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan::rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
dir.create("bench/qa/results", showWarnings = FALSE)
set.seed(20261129)
n <- 150; G <- 15
g <- rep(seq_len(G), length.out = n); x <- round(rnorm(n), 3); r <- rnorm(G, 0, 0.5)
cnt <- rpois(n, exp(0.8 + 0.5 * x + r[g]))
pc <- data.frame(y = ifelse(cnt >= 6, 5L, cnt), cens = ifelse(cnt >= 6, "right", "none"), x = x, g = paste0("g", g))
s <- rbinom(n, 12, plogis(0.2 + 0.7 * x + r[g]))
bc <- data.frame(y = pmax(s, 2L), cens = ifelse(s <= 2, "left", "none"), N = 12L, x = x, g = paste0("g", g))
gt <- NULL
while (is.null(gt) || nrow(gt) < n) {
  xx <- round(rnorm(1), 3); gg <- sample(G, 1); yy <- 0.5 + 0.8 * xx + r[gg] + rnorm(1, 0, 1.5)
  if (yy > 0) gt <- rbind(gt, data.frame(y = round(yy, 4), x = xx, g = paste0("g", gg)))
}
pt <- NULL
while (is.null(pt) || nrow(pt) < n) {
  xx <- round(rnorm(1), 3); gg <- sample(G, 1); yy <- rpois(1, exp(0.1 + 0.6 * xx + r[gg]))
  if (yy >= 1) pt <- rbind(pt, data.frame(y = yy, x = xx, g = paste0("g", gg)))
}
set.seed(202611292)
nbc <- rnbinom(n, mu = exp(1.2 + 0.5 * x + r[g]), size = 3)
nc <- data.frame(y = ifelse(nbc >= 10, 9L, nbc), cens = ifelse(nbc >= 10, "right", "none"), x = x, g = paste0("g", g))
write.csv(nc, "bench/qa/data/ct-nb-cens.csv", row.names = FALSE)
set.seed(202611293)
ys <- round(1 + 0.5 * x + r[g] + 1.2 * rt(n, 4), 4)
sc <- data.frame(y = pmax(ys, -0.5), cens = ifelse(ys < -0.5, "left", "none"), x = x, g = paste0("g", g))
write.csv(sc, "bench/qa/data/ct-st-cens.csv", row.names = FALSE)
write.csv(pc, "bench/qa/data/ct-pois-cens.csv", row.names = FALSE)
write.csv(bc, "bench/qa/data/ct-binom-cens.csv", row.names = FALSE)
write.csv(gt, "bench/qa/data/ct-gauss-trunc.csv", row.names = FALSE)
write.csv(pt, "bench/qa/data/ct-pois-trunc.csv", row.names = FALSE)
rd <- function(f) read.csv(file.path("bench/qa/data", f), stringsAsFactors = TRUE)
models <- list(
  pois_cens = list(file = "ct-pois-cens.csv", f = y | cens(cens) ~ x + (1 | g), fam = poisson()),
  binom_cens = list(file = "ct-binom-cens.csv", f = y | trials(N) + cens(cens) ~ x + (1 | g), fam = binomial()),
  gauss_trunc = list(file = "ct-gauss-trunc.csv", f = y | trunc(lb = 0) ~ x + (1 | g), fam = gaussian()),
  pois_trunc = list(file = "ct-pois-trunc.csv", f = y | trunc(lb = 1) ~ x + (1 | g), fam = poisson()),
  st_cens = list(file = "ct-st-cens.csv", f = y | cens(cens) ~ x + (1 | g), fam = student()),
  nb_cens = list(file = "ct-nb-cens.csv", f = y | cens(cens) ~ x + (1 | g), fam = negbinomial()),
  kidney_gamma = list(file = "kidney.csv", f = time | cens(censored) ~ age + sex + disease + (1 | patient), fam = Gamma(link = "log"))
)
fixture <- list()
for (name in args) {
  m <- models[[name]]
  t0 <- Sys.time()
  fit <- brm(m$f, data = rd(m$file), family = m$fam, chains = 4, iter = 2000, seed = 1, cores = 1, refresh = 0)
  total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  el <- rstan::get_elapsed_time(fit$fit)
  dr <- as_draws_df(fit)
  keep <- grep("^(b_|sd_|shape$|sigma$|nu$)", variables(dr), value = TRUE)
  s <- summarise_draws(subset_draws(dr, variable = keep), mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail)
  s <- data.frame(lapply(s, function(x) if (is.numeric(x)) as.numeric(x) else as.character(x)))
  write.csv(s, file.path("bench/qa/results", paste0("ct-", name, "-brms.csv")), row.names = FALSE)
  np <- nuts_params(fit)
  write.csv(data.frame(total_seconds = total, sampling_seconds_sum_chains = sum(el),
                       divergences = sum(np$Value[np$Parameter == "divergent__"]),
                       leapfrogs = sum(np$Value[np$Parameter == "n_leapfrog__"])),
            file.path("bench/qa/results", paste0("ct-", name, "-time.csv")), row.names = FALSE)
  fixture[[name]] <- list(formula = paste(deparse(m$f, width.cutoff = 500), collapse = ""), family = m$fam$family, data = m$file,
                          parameters = lapply(seq_len(nrow(s)), function(k) list(name = s$variable[k], mean = s$mean[k], sd = s$sd[k], mcse_mean = s$mcse_mean[k])))
  cat(name, "done", total, "s\n")
}
dir.create("test/validation/fixtures", showWarnings = FALSE)
# Runs add to the fixture file (a later run of one name replaces only that name).
out <- "test/validation/fixtures/censtrunc-brms.json"
old <- if (file.exists(out)) jsonlite::fromJSON(out, simplifyVector = FALSE) else list()
for (name in names(fixture)) old[[name]] <- fixture[[name]]
writeLines(jsonlite::toJSON(old, auto_unbox = TRUE, digits = I(15), pretty = TRUE), out)
