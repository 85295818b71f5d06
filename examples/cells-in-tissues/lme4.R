# The REML fit of the nested model with lme4, for comparison with the posterior
# (run from the repo root: Rscript examples/cells-in-tissues/lme4.R).
suppressMessages(library(lme4))
d <- read.csv("examples/cells-in-tissues/data.csv")
m <- lmer(y ~ 1 + (1 | organism/tissue), d, REML = TRUE)
print(VarCorr(m))
v <- as.data.frame(VarCorr(m))$vcov # tissue:organism, organism, residual
cat(sprintf("ICC organism %.3f, ICC tissue %.3f\n", v[2] / sum(v), (v[1] + v[2]) / sum(v)))
print(confint(m, parm = "theta_", method = "profile", level = 0.90, oldNames = FALSE))
