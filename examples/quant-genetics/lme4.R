# The REML fit of the half-sib data with lme4, for comparison with reml.ts and the posterior
# (run from the repo root: Rscript examples/quant-genetics/lme4.R).
suppressMessages(library(lme4))
d <- read.csv("examples/quant-genetics/data.csv")
m <- lmer(weight ~ 1 + (1 | sire), d, REML = TRUE)
print(VarCorr(m), comp = c("Variance", "Std.Dev."))
cat("singular fit:", isSingular(m), "\n")
print(anova(lm(weight ~ sire, d)))
print(confint(m, parm = "theta_", method = "profile", level = 0.90, oldNames = FALSE))
