# Fits the synthetic cohort with lme4 and compares with Headway's JSON output.
# Called by compare-lme4.sh: Rscript compare-lme4.R COHORT.csv HEADWAY.json TIMINGS.txt REPEATS
suppressMessages({
  library(lme4)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
cohort_csv <- args[1]; headway_json <- args[2]; timings_txt <- args[3]
repeats <- as.integer(args[4])

cohort <- read.csv(cohort_csv)
cohort$school <- factor(cohort$school)
formula <- outcome ~ prior + I(prior^2) + disadvantaged + sen + eal + gender + age + ethnicity + (1 | school)

# lme4 with its defaults, data already in memory (as the benchmark's "data in memory").
times <- numeric(repeats)
for (i in seq_len(repeats)) {
  gc()
  times[i] <- system.time(fit <- lmer(formula, data = cohort, REML = TRUE))[["elapsed"]]
}
lme4_seconds <- median(times)

headway <- fromJSON(headway_json)
timings <- read.table(timings_txt, header = TRUE)
headway_fit <- median(timings$design + timings$fit)
headway_end_to_end <- median(timings$wall)

# Differences, Headway against lme4.
rel <- function(a, b) max(abs(a - b) / abs(b))
fe <- fixef(fit)
se <- sqrt(diag(as.matrix(vcov(fit))))
stopifnot(identical(names(fe), headway$fixef$term))
vc <- as.data.frame(VarCorr(fit))
var_school <- vc$vcov[vc$grp == "school"]
var_residual <- vc$vcov[vc$grp == "Residual"]
re <- ranef(fit, condVar = TRUE)$school
condsd <- sqrt(as.numeric(attr(re, "postVar")))
ours <- headway$groups[match(rownames(re), headway$groups$group), ]

cat(sprintf("cohort: %d pupils, %d schools, %d fixed effects\n",
            nrow(cohort), nlevels(cohort$school), length(fe)))
cat(sprintf("lme4 %s (R %s), default optimizer: median %.3f s over %d runs (%s)\n",
            packageVersion("lme4"), getRversion(), lme4_seconds, repeats,
            paste(sprintf("%.3f", times), collapse = ", ")))
cat(sprintf("Headway, data in memory (design + fit): median %.4f s over %d runs\n",
            headway_fit, nrow(timings)))
cat(sprintf("Headway, Parquet end to end (process wall time): median %.3f s\n", headway_end_to_end))
cat(sprintf("ratio lme4 / Headway (in memory): %.0fx\n", lme4_seconds / headway_fit))
cat("largest differences, Headway vs lme4 (lme4's default optimizer stops ~1e-6 short in var_school):\n")
cat(sprintf("  fixed effects      %.3g relative\n", rel(headway$fixef$estimate, fe)))
cat(sprintf("  standard errors    %.3g relative\n", rel(headway$fixef$se, se)))
cat(sprintf("  var_school         %.3g relative\n", rel(headway$var_school, var_school)))
cat(sprintf("  var_residual       %.3g relative\n", rel(headway$var_residual, var_residual)))
cat(sprintf("  theta              %.3g relative\n", rel(headway$theta, getME(fit, "theta"))))
cat(sprintf("  REML criterion     %.3g absolute\n", abs(headway$reml_criterion - REMLcrit(fit))))
cat(sprintf("  BLUPs              %.3g absolute\n", max(abs(ours$blup - re[, 1]))))
cat(sprintf("  conditional SDs    %.3g absolute\n", max(abs(ours$condsd - condsd))))
