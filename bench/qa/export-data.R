# Exports the data sets of the 2026-11-29 user sweep from R packages to CSV (bench/qa/data/).
# Factors are written as text; R reads them back with sorted levels, as hbayes does, so both fit
# the same design.
out <- "bench/qa/data"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
w <- function(d, name) write.csv(d, file.path(out, paste0(name, ".csv")), row.names = FALSE)

ep <- brms::epilepsy
w(ep[, c("count", "zAge", "zBase", "Trt", "patient", "visit", "obs")], "epilepsy")

gt <- lme4::grouseticks
w(gt[, c("INDEX", "TICKS", "BROOD", "HEIGHT", "YEAR", "LOCATION")], "grouseticks")

va <- lme4::VerbAgg
va <- va[as.integer(as.character(va$id)) <= 80, ]
va$r2y <- as.integer(va$r2 == "Y")
w(va[, c("r2y", "r2", "Anger", "Gender", "item", "id", "btype", "situ", "mode")], "verbagg80")

ro <- rstanarm::roaches
ro$roach1s <- ro$roach1 / 100
w(ro[, c("y", "roach1s", "treatment", "senior", "exposure2")], "roaches")

w(lme4::Penicillin, "penicillin")

ie <- lme4::InstEval
ie <- ie[as.integer(as.character(ie$s)) <= 150, c("y", "s", "d", "service", "dept")]
w(ie, "insteval150")

ck <- lme4::cake
w(ck[, c("replicate", "recipe", "temp", "angle")], "cake")
