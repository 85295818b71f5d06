# Shared by the bench/r scripts: the JSON job file, timing, and the ESS summary that every R-side
# row uses (posterior's ess_bulk / ess_tail, as /work/shared/bench/stan-bench.R does).
suppressMessages({library(jsonlite); library(posterior)})

read_job <- function() {
  a <- commandArgs(TRUE)
  if (length(a) != 1) stop("usage: Rscript <script>.R JOB.json")
  fromJSON(a[1], simplifyVector = TRUE)
}

now <- function() proc.time()[["elapsed"]]

# Min bulk and tail ESS and max R-hat over the variables that do not match `exclude` (a regex).
ess_summary <- function(draws, exclude) {
  v <- variables(draws)
  if (!is.null(exclude) && nzchar(exclude)) v <- v[!grepl(exclude, v)]
  s <- summarise_draws(subset_draws(draws, variable = v), "rhat", "ess_bulk", "ess_tail")
  list(min_ess_bulk = min(s$ess_bulk, na.rm = TRUE), min_ess_tail = min(s$ess_tail, na.rm = TRUE),
       max_rhat = max(s$rhat, na.rm = TRUE), n_variables = nrow(s))
}

write_result <- function(out, path) write_json(out, path, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")

# Posterior mean and its MCSE of each named variable (NA when a name is missing), in the order given:
# the benchmark compares them with hbayes's to show both sides fitted the same posterior.
key_means <- function(draws, keys) {
  if (is.null(keys) || length(keys) == 0) return(NULL)
  v <- variables(draws)
  lapply(keys, function(k) {
    if (!(k %in% v)) return(list(name = k, mean = NA, mcse = NA))
    x <- subset_draws(draws, variable = k, regex = FALSE)
    s <- summarise_draws(x, "mean", "mcse_mean")
    list(name = k, mean = s$mean[1], mcse = s$mcse_mean[1])
  })
}
