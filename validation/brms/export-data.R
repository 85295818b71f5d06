# Writes the validation data sets to validation/brms/data/ (run from the repo root):
#   Rscript validation/brms/export-data.R
# Columns that the models treat as factors are listed in models.json ("factors"); both brms and hbayes
# read these CSVs and turn those columns into factors, so level labels (and r_ names) agree.
dir <- "validation/brms/data"
dir.create(dir, recursive = TRUE, showWarnings = FALSE)
w <- function(d, name) write.csv(d, file.path(dir, paste0(name, ".csv")), row.names = FALSE)

w(lme4::sleepstudy, "sleepstudy")
w(lme4::cbpp, "cbpp")
ep <- brms::epilepsy
w(ep[, c("count", "zAge", "zBase", "Trt", "patient", "visit")], "epilepsy")
w(lme4::Penicillin, "penicillin")
w(lme4::Pastes[, c("strength", "batch", "cask")], "pastes")

# VerbAgg: the first 80 respondents (80 × 24 items = 1920 rows), r2 as 0/1 (Y = 1).
va <- lme4::VerbAgg
va <- va[as.integer(as.character(va$id)) <= 80, ]
w(data.frame(r2 = as.integer(va$r2 == "Y"), Anger = va$Anger, Gender = as.character(va$Gender),
             btype = as.character(va$btype), id = as.character(va$id), item = as.character(va$item)), "verbagg80")

# Beta regression with group intercepts, simulated: 20 groups × 15 observations,
# logit(mu) = -0.5 + 0.8 x + u_g, u_g ~ N(0, 0.5), phi = 20.
set.seed(20261129)
G <- 20; n <- 15
g <- rep(sprintf("g%02d", 1:G), each = n)
x <- round(rnorm(G * n), 3)
u <- rnorm(G, 0, 0.5)
mu <- plogis(-0.5 + 0.8 * x + u[rep(1:G, each = n)])
phi <- 20
y <- rbeta(G * n, mu * phi, (1 - mu) * phi)
y <- pmin(pmax(round(y, 5), 1e-5), 1 - 1e-5)
w(data.frame(y = y, x = x, g = g), "beta_sim")
