# The REML fit with lme4, for comparison with the posterior (run from the repo root: Rscript examples/vaccine-platforms/lme4.R).
suppressMessages(library(lme4))
d <- read.csv("examples/vaccine-platforms/data.csv")
m <- lmer(log_titre ~ 1 + (1 | platform), d, REML = TRUE)
print(VarCorr(m))
print(coef(m)$platform)
print(confint(m, parm = "theta_", method = "profile", level = 0.95, oldNames = FALSE))
