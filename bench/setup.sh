#!/bin/sh
# Installs the other side of `npm run bench` (Debian/Ubuntu, needs root): rstan, brms, lme4 and
# posterior from Debian's R packages, and JAGS with R's rjags. Until this has run, the benchmark
# prints "not installed" rows for whatever is missing.
set -eu
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  r-base-core r-cran-jsonlite r-cran-rstan r-cran-brms r-cran-lme4 r-cran-posterior jags r-cran-rjags time
echo "check: Rscript -e 'library(rjags); library(rstan); library(brms); library(lme4); library(posterior)'"
