# REML fit of the crossed variance components with lme4, for comparison with the posterior
# (run from the repo root: Rscript examples/climate-model-errors/lme4.R).
suppressMessages(library(lme4))
d <- read.csv("examples/climate-model-errors/data.csv")
m <- lmer(warming ~ 1 + (1 | model) + (1 | scenario) + (1 | model:scenario), data = d, REML = TRUE)
print(VarCorr(m), comp = c("Variance", "Std.Dev."))
print(fixef(m))
vc <- as.data.frame(VarCorr(m))
cat("shares of total variance:\n"); print(setNames(round(vc$vcov / sum(vc$vcov), 3), vc$grp))
ci <- suppressMessages(confint(m, method = "profile", level = 0.90, oldNames = FALSE))
print(round(ci, 3))
