# Exports the data sets that ship with R packages into data/ (run from the repo root).
data(bball1970, package = "rstanarm")
write.csv(bball1970, "data/bball1970.csv", row.names = FALSE)
write.csv(lme4::sleepstudy, "data/sleepstudy.csv", row.names = FALSE)
write.csv(lme4::cbpp, "data/cbpp.csv", row.names = FALSE)
