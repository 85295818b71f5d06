# Stan's NUTS on the posteriordb surgical posterior at fixed step sizes with a unit metric (no
# adaptation): mean accept_stat__, n_leapfrog__ and divergences, to tell a difference in the
# transition on this model from a difference in adaptation. Run: Rscript make-fixed-surgical.R out.json
suppressMessages({ library(rstan); library(jsonlite) })
if (rstan_options("boost_lib") == "" && file.exists("/usr/include/boost/version.hpp")) rstan_options(boost_lib = "/usr/include")
outFile <- commandArgs(trailingOnly = TRUE)[1]
ref <- fromJSON("/work/shared/reference/posteriordb/surgical_data-surgical_model.json", simplifyVector = TRUE)
m <- stan_model(model_code = ref$stan_code_rstan221, model_name = "surgical")
out <- list()
for (eps in c(0.05, 0.1, 0.2)) {
  fit <- sampling(m, data = ref$data, chains = 8, iter = 5000, warmup = 0, seed = 3, refresh = 0, init = 0,
                  control = list(adapt_engaged = FALSE, stepsize = eps, stepsize_jitter = 0))
  sp <- do.call(rbind, lapply(get_sampler_params(fit, inc_warmup = FALSE), function(s) s[-(1:500), ]))
  perChain <- sapply(get_sampler_params(fit, inc_warmup = FALSE), function(s) mean(s[-(1:500), "accept_stat__"]))
  out[[length(out) + 1]] <- list(stepSize = eps, n = nrow(sp), meanAcceptStat = mean(sp[, "accept_stat__"]),
    acceptPerChain = perChain, meanLeapfrog = mean(sp[, "n_leapfrog__"]), divergences = sum(sp[, "divergent__"]))
  cat(eps, mean(sp[, "accept_stat__"]), mean(sp[, "n_leapfrog__"]), sum(sp[, "divergent__"]), "\n")
}
write_json(list(generatedBy = "make-fixed-surgical.R", cases = out), outFile, auto_unbox = TRUE, digits = 8, pretty = TRUE)
