# Simulated RNA polymerase pausing data for the browser app's example (run: Rscript make-rna-pausing.R).
# Story: Pol II pausing events are counted at 14 promoter-proximal sites; each site was observed for a
# different number of transcribing polymerases (kb of NET-seq coverage), so counts need an exposure.
# Site pause rates (events per kb) are Gamma(alpha = 3, beta = 2) distributed: mean 1.5, sd 0.87.
set.seed(2718)
n <- 14
gene <- sprintf("site%02d", seq_len(n))
exposure_kb <- round(exp(runif(n, log(0.8), log(60))), 1)
rate <- rgamma(n, shape = 3, rate = 2)
pauses <- rpois(n, rate * exposure_kb)
write.csv(data.frame(site = gene, pauses = pauses, exposure_kb = exposure_kb, true_rate = round(rate, 4)),
          "rna_pausing.csv", row.names = FALSE, quote = FALSE)
