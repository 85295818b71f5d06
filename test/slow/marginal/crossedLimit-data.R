# InstEval subsets for test/slow/marginal/crossedLimit.ts: the first S students (S = 25, 50, 100, 150, 200, 300),
# as bench/qa/export-data.R writes insteval150.csv. Run from the repo root:
#   Rscript test/slow/marginal/crossedLimit-data.R   → tmp/crossedLimit/insteval{S}.csv
dir.create("tmp/crossedLimit", showWarnings = FALSE, recursive = TRUE)
ie <- lme4::InstEval
for (S in c(25, 50, 100, 150, 200, 300)) {
  sub <- ie[as.integer(as.character(ie$s)) <= S, c("y", "s", "d", "service", "dept")]
  sub$s <- droplevels(sub$s)
  sub$d <- droplevels(sub$d)
  write.csv(sub, sprintf("tmp/crossedLimit/insteval%d.csv", S), row.names = FALSE)
  cat(S, nrow(sub), nlevels(sub$s), nlevels(sub$d), "\n")
}
