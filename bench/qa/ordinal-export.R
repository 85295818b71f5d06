# Exports the ordinal VerbAgg subset for bench/qa/2026-11-29-ordinal.md: the same 80 people as
# verbagg80.csv (export-data.R), with the ordinal response resp (no < perhaps < yes) as text and as
# its integer code respn (1, 2, 3). Usage (repo root): Rscript bench/qa/ordinal-export.R
va <- lme4::VerbAgg
va <- va[as.integer(as.character(va$id)) <= 80, ]
va$respn <- as.integer(va$resp)
write.csv(va[, c("resp", "respn", "Anger", "Gender", "item", "id", "btype", "situ", "mode")],
          "bench/qa/data/verbagg80-ordinal.csv", row.names = FALSE)
