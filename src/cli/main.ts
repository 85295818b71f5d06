/**
 * The `hbayes` command line. Every command parses its options with commander, does its work through
 * the library API, and maps errors to exit codes (0 ok, 1 user error, 2 internal error).
 */
import { Command, CommanderError, Option } from "commander";
import { UserError } from "../errors.js";
import { SAMPLE_PRIOR_CHOICES } from "../api/priorOnly.js";
import { HYPOTHESIS_SCOPES } from "../hypothesis/hypothesis.js";
import { FAMILY_NAMES } from "../formula/families.js";
import { withNlparOption } from "../formula/nonlinear.js";
import { coefCommand, COEF_TYPES, type CoefCliOptions } from "./coefCommand.js";
import { compareCommand, type CompareCliOptions } from "./compareCommand.js";
import { EFFECTS_CHOICES, effectsCommand, type EffectsCliOptions } from "./effectsCommand.js";
import { EXIT_OK, reportError } from "./errors.js";
import { fitCommand, type FitCliOptions } from "./fitCommand.js";
import { hypothesisCommand, type HypothesisCliOptions } from "./hypothesisCommand.js";
import { kfoldCommand, type KfoldCliOptions } from "./kfoldCommand.js";
import { exampleCommand } from "./exampleCommand.js";
import { poolingCommand, type PoolingCliOptions } from "./poolingCommand.js";
import { priorsCommand, type PriorsCliOptions } from "./priorsCommand.js";
import { r2Command, type R2CliOptions } from "./r2Command.js";
import { predictCommand, PREDICT_CHOICES, type PredictCliOptions } from "./predictCommand.js";
import { reportCommand } from "./reportCommand.js";
import { summaryCommand } from "./summaryCommand.js";

function int(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new UserError(`--${name} must be an integer, got ${JSON.stringify(v)}`);
    return n;
  };
}

function real(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n)) throw new UserError(`--${name} must be a number, got ${JSON.stringify(v)}`);
    return n;
  };
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** The exit code a command chose (a fit stopped by Ctrl-C returns 130); errors are mapped in `main`. */
export interface CommandStatus {
  code: number;
}

/** `--levels no,perhaps,yes` → its labels (spaces around commas dropped). */
function levelList(text: string): string[] {
  return text.split(",").map((l) => l.trim());
}

export function buildProgram(status: CommandStatus = { code: EXIT_OK }): Command {
  const program = new Command();
  program
    .name("hbayes")
    .description("Hierarchical Bayesian models: formulas like lme4/brms, a modelling DSL, NUTS with honest diagnostics.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  program
    .command("fit")
    .description("fit a formula model to a CSV file, or a DSL model file to CSV/JSON data")
    .argument("[model]", "a .ts/.js module whose default export is a DSL model (instead of --formula)")
    .requiredOption("--data <file>", "data: CSV (one row per observation) or Stan-style JSON")
    .option("--formula <formula>", 'lme4/brms formula, e.g. "log_radon ~ floor + (1 | county)"; brms\'s distributional "bf(y ~ x + (1 | g), sigma ~ z)" models sigma / shape / phi / nu / zi / hu too')
    .option("--family <family>", `response family (${FAMILY_NAMES.join(", ")}); cumulative is ordinal with the logit link, "cumulative(probit)" the probit one`, "gaussian")
    .option("--levels <labels>", "cumulative family: the response's categories lowest first, e.g. no,perhaps,yes (needed for a text response); categorical: their order, the first the reference (default R's factor() order)", levelList)
    .option("--prior <prior>", 'a prior, brms style, e.g. "b ~ normal(0, 5)"; repeatable', collect, [])
    .option("--cov <name=file>", "a known covariance matrix for gr(g, cov = name), e.g. --cov A=A.csv: a square CSV whose header row and first column are the levels (as R's write.csv(A) writes it); repeatable", collect, [])
    .option("--nlpar <formula>", 'a non-linear parameter\'s formula, e.g. "a ~ 1 + (1 | g)": --formula is then brms\'s nl = TRUE expression, e.g. "y ~ a * exp(-b * x)"; repeatable; its coefficients need priors, e.g. --prior "normal(0, 5), nlpar = a, lb = 0"', collect, [])
    .option("--chains <n>", "number of chains", int("chains"), 4)
    .option("--warmup <n>", "warmup iterations per chain", int("warmup"), 1000)
    .option("--draws <n>", "draws per chain after warmup", int("draws"), 1000)
    .option("--seed <n>", "random seed (same seed, same draws)", int("seed"), 1)
    .option("--adapt-delta <x>", "target acceptance rate of step-size adaptation (default: 0.8)", real("adapt-delta"))
    .option("--max-treedepth <n>", "maximum NUTS tree depth", int("max-treedepth"), 10)
    .addOption(new Option("--metric <kind>", "metric adaptation: fisher-diag / fisher-lowrank use gradients too (nutpie); diag / dense are Stan's (default: diag, dense for a marginal fit of ≤ 10 sampled coordinates)").choices(["diag", "dense", "fisher-diag", "fisher-lowrank"]))
    .option("--threads <n>", "worker threads (default: chain 1 here, workers if the job is big)", int("threads"))
    .addOption(new Option("--reparam <mode>", "automatic centred / non-centred parameterisation of group parameters").choices(["auto", "none"]).default("auto"))
    .addOption(new Option("--marginalize <mode>", "integrate out conjugate group parameters, then draw them exactly").choices(["auto", "none"]).default("auto"))
    .addOption(new Option("--sample-prior <what>", 'brms\'s sample_prior: "only" leaves the likelihood out, so the draws are the prior\'s and the report\'s check is the prior predictive one (every prior must be proper); "yes" adds prior_* draws of each proper prior to the draws CSV, for hypothesis\'s Savage–Dickey evidence ratios (formula models)').choices([...SAMPLE_PRIOR_CHOICES]).default("no"))
    .option("--out <dir>", "write summary.json, draws CSV (one file per chain, CmdStan layout) and report.html here")
    .option("--json", "print the summary as JSON on stdout (no table, no progress bars)")
    .addHelpText(
      "after",
      `
Examples:
  hbayes fit --data radon.csv --formula "log_radon ~ floor + (1 | county)"
  hbayes fit --data cbpp.csv --formula "incidence | trials(size) ~ period + (1 | herd)" --family binomial
  hbayes fit --data kidney.csv --formula "time | cens(censored) ~ age + sex + (1 | patient)" --family weibull
  hbayes fit --data counts.csv --formula "y | weights(n) ~ x" --family poisson
  hbayes fit --data survey.csv --formula "count ~ mo(income) + (1 | g)" --family poisson --prior "simo[moincome1] ~ dirichlet(2, 2, 2, 2, 2)"
  hbayes fit --data birds.csv --formula "mvbind(tarsus, back) ~ sex + (1 | p | nest)" --prior "lkj(2), class = rescor"
  hbayes fit --data mixed.csv --formula "bf(count ~ x + (1 | p | g), family = poisson) + bf(y ~ x + (1 | p | g)) + set_rescor(FALSE)"
  hbayes fit --data counts.csv --formula "y | trunc(lb = 1) ~ x + (1 | g)" --family poisson
  hbayes fit --data phylo.csv --formula "phen ~ cofactor + (1 | gr(phylo, cov = A))" --cov A=A.csv
  hbayes fit --data sleepstudy.csv --formula "bf(Reaction ~ Days + (1 | Subject), sigma ~ Days)"
  hbayes fit --data decay.csv --formula "y ~ a * exp(-b * x)" --nlpar "a ~ 1 + (1 | g)" --nlpar "b ~ 1" --prior "normal(10, 5), nlpar = a" --prior "normal(0.5, 0.5), nlpar = b, lb = 0"
  hbayes fit --data sleepstudy.csv --formula "Reaction ~ Days + (Days | Subject)" --prior "b ~ normal(0, 10)" --sample-prior only --out out/prior
  hbayes fit examples/pumps/model.ts --data examples/pumps/data.json --out out/pumps`,
    )
    .action(async (model: string | undefined, opts: FitCliOptions) => {
      status.code = await fitCommand(model, withNlparOption(opts as FitCliOptions & { nlpar?: string[] }));
    });

  program
    .command("summary")
    .description("summarise draws: an --out folder of hbayes fit, or CmdStan output CSV files (one per chain)")
    .argument("<paths...>", "a folder written by hbayes fit --out, or CSV files")
    .option("--json", "print the summary as JSON")
    .addHelpText("after", "\nExamples:\n  hbayes summary out/radon\n  hbayes summary output-1.csv output-2.csv output-3.csv output-4.csv --json")
    .action(async (paths: string[], opts: { json?: boolean }) => {
      await summaryCommand(paths, opts);
    });

  program
    .command("predict")
    .description("predictions for new data from an --out folder of a formula fit (its model.json and draws)")
    .argument("<dir>", "a folder written by hbayes fit --formula … --out")
    .requiredOption("--data <file>", "new data: CSV with the formula's predictor and group columns (and trunc()'s bound columns; for --type log_lik also the response and its cens() / weights() columns)")
    .addOption(new Option("--type <type>", "linpred (linear predictor), epred (expected response), predict (response draws) or log_lik (brms's log_lik(fit, newdata): each row's log-likelihood of its own response, with its own cens(), weights() and trunc() columns)").choices([...PREDICT_CHOICES.type]).default("epred"))
    .option("--new-levels", "allow group levels the fit did not see: their effects are drawn from the population (brms allow_new_levels)")
    .addOption(new Option("--new-levels-method <method>", "how new levels are drawn").choices([...PREDICT_CHOICES.newLevelsMethod]).default("gaussian"))
    .option("--cov <name=file>", "the known covariance matrices of a gr(g, cov = name) fit, e.g. --cov A=A.csv: a new level that is a row of A is drawn given the fitted levels' effects; repeatable", collect, [])
    .option("--seed <n>", "seed of the new-level and response draws (default: the fit's seed)", int("seed"))
    .option("--summary", "per row mean, sd, q5, q50, q95 (the default)")
    .option("--draws", "every draw instead of the summary: one line per draw, one column per row")
    .addHelpText("after", '\nExamples:\n  hbayes predict out/radon --data new-houses.csv\n  hbayes predict out/radon --data new-counties.csv --new-levels --type predict')
    .action(async (dir: string, opts: PredictCliOptions) => {
      await predictCommand(dir, opts);
    });

  program
    .command("effects")
    .description("conditional effects of a formula fit (brms's conditional_effects): each predictor's effect on the expected response, others at their mean / first level")
    .argument("<dir>", "a folder written by hbayes fit --formula … --out")
    .option("--effects <list>", "effects to show, comma-separated: x, or x:z for an interaction (default: every predictor and two-way interaction)")
    .addOption(new Option("--method <method>", "epred (expected response) or predict (response draws: a prediction band)").choices([...EFFECTS_CHOICES.method]).default("epred"))
    .option("--categorical", "cumulative and categorical families: each category's probability (required for categorical; cumulative otherwise shows the expected category)")
    .option("--resolution <n>", "grid points of a numeric effect (default 100)", int("resolution"))
    .option("--prob <p>", "mass of the band (default 0.95)", real("prob"))
    .option("--conditions <values>", 'values for the predictors not plotted (brms\'s conditions, one row), e.g. "zAge=0,Trt=1" (default: numeric at the mean, factors at the first level)')
    .option("--data <file>", "the data the model was fitted to (default: the file named in model.json)")
    .option("--seed <n>", "seed of the response draws of --method predict (default: the fit's seed)", int("seed"))
    .option("--json", "print the effects as JSON")
    .option("--csv <file>", "write the table to a CSV file instead of stdout")
    .addHelpText("after", '\nExamples:\n  hbayes effects out/radon\n  hbayes effects out/epilepsy --effects zBase:Trt --method predict --csv effects.csv')
    .action((dir: string, opts: EffectsCliOptions) => {
      effectsCommand(dir, opts);
    });

  program
    .command("r2")
    .description("Bayes R² of a formula fit (brms's bayes_R2): var(ŷ) / (var(ŷ) + var(y − ŷ)) per draw, summarised")
    .argument("<dir>", "a folder written by hbayes fit --formula … --out")
    .option("--data <file>", "the data the model was fitted to (default: the file named in model.json)")
    .option("--loo", "also brms's loo_R2: R² of the PSIS-LOO predictions (Bayesian-bootstrap draws, seeded by the fit's seed)")
    .option("--json", "print the summary as JSON")
    .addHelpText("after", "\nExamples:\n  hbayes r2 out/radon\n  hbayes r2 out/radon --loo")
    .action((dir: string, opts: R2CliOptions) => {
      r2Command(dir, opts);
    });

  program
    .command("report")
    .description("write report.html from an --out folder of hbayes fit, or from CmdStan output CSV files")
    .argument("<paths...>", "a folder written by hbayes fit --out, or CSV files (one per chain)")
    .option("--out <file>", "where to write the report (default: <folder>/report.html)")
    .option("--title <text>", "the report's title")
    .addHelpText("after", "\nExamples:\n  hbayes report out/radon\n  hbayes report output-1.csv output-2.csv --out report.html")
    .action(async (paths: string[], opts: { out?: string; title?: string }) => {
      await reportCommand(paths, opts);
    });

  program
    .command("pooling")
    .description("no, complete and partial pooling side by side: per-group estimates, shrinkage, LOO comparison")
    .argument("[model]", "a DSL model file whose group-level vector is marked { pooled: true } (instead of --formula)")
    .requiredOption("--data <file>", "CSV, one row per observation (or Stan-style JSON for a model file)")
    .option("--formula <formula>", 'a formula with one varying intercept, e.g. "y ~ x + (1 | group)"')
    .option("--group <name>", "with a model file: its group-level vector, when not marked { pooled: true }")
    .option("--family <family>", "gaussian, student, binomial, bernoulli, poisson, negbinomial, lognormal, gamma, weibull, exponential or beta", "gaussian")
    .option("--prior <prior>", "a prior, brms style; repeatable", collect, [])
    .option("--chains <n>", "number of chains", int("chains"), 4)
    .option("--warmup <n>", "warmup iterations per chain", int("warmup"), 1000)
    .option("--draws <n>", "draws per chain after warmup", int("draws"), 1000)
    .option("--seed <n>", "random seed", int("seed"), 1)
    .option("--threads <n>", "worker threads (default: chain 1 here, workers if the job is big)", int("threads"))
    .option("--out <dir>", "write pooling.json and report.html (with the shrinkage plot) here")
    .option("--json", "print { groups, loo } as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  hbayes pooling --data data/bball1970.csv --formula "Hits | trials(AB) ~ 1 + (1 | Player)" --family binomial --out out/baseball\n' +
        "  hbayes pooling examples/pooling-dsl/eight-schools.ts --data data/eight_schools.csv",
    )
    .action(async (model: string | undefined, opts: PoolingCliOptions) => {
      await poolingCommand({ ...opts, ...(model !== undefined ? { model } : {}) });
    });

  program
    .command("compare")
    .description("compare fits by PSIS-LOO (elpd_loo, differences with standard errors, Pareto k diagnostics), as loo::loo_compare")
    .argument("<fits...>", "--out folders of hbayes fit, or one fit's CmdStan CSV files joined by commas (a-1.csv,a-2.csv)")
    .option("--data <file>", "the data the formula fits were fitted to, if not where their model.json says")
    .option("--cov <name=file>", "known covariance matrices of gr(g, cov = name) fits, e.g. --cov A=A.csv (as hbayes fit); repeatable", collect, [])
    .option("--json", "print { models, warnings } as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  hbayes fit --data data/radon_mn.csv --formula "log_radon ~ floor + (1 | county)" --out out/varying\n' +
        '  hbayes fit --data data/radon_mn.csv --formula "log_radon ~ floor" --out out/pooled\n' +
        "  hbayes compare out/varying out/pooled\n  hbayes compare stan-a-1.csv,stan-a-2.csv stan-b-1.csv,stan-b-2.csv --json",
    )
    .action((fits: string[], opts: CompareCliOptions) => {
      compareCommand(fits, opts);
    });

  program
    .command("coef")
    .description("each group level's coefficients (population-level + that level's group-level effect), as brms's coef(); --type ranef / fixef for brms's ranef() / fixef()")
    .argument("<fit>", "an --out folder of hbayes fit, or one fit's CmdStan CSV files joined by commas")
    .addOption(new Option("--type <type>", "coef: per level b + r; ranef: per level r; fixef: b").choices([...COEF_TYPES]).default("coef"))
    .option("--group <name>", "only this grouping factor")
    .option("--robust", "median and MAD instead of mean and sd")
    .option("--probs <p,q>", "the quantiles to show (default 0.025,0.975)", (v: string) => v.split(",").map((x) => real("probs")(x)))
    .option("--json", "print the tables as JSON")
    .addHelpText("after", "\nExamples:\n  hbayes coef out/radon\n  hbayes coef out/sleep --group Subject --probs 0.05,0.95\n  hbayes coef out/radon --type fixef --json")
    .action((fit: string, opts: CoefCliOptions) => {
      coefCommand(fit, opts);
    });

  program
    .command("hypothesis")
    .description("test statements about parameters on the draws, as brms's hypothesis(): estimate, credible interval, posterior probability, evidence ratio")
    .argument("<fit>", "an --out folder of hbayes fit, or one fit's CmdStan CSV files joined by commas")
    .argument("<hypotheses...>", "'left < right', 'left > right' or 'left = right'; names without the class prefix: 'floor < 0' tests b_floor")
    .option("--class <class>", 'the prefix left out of names (brms\'s class); "" to write full names such as sd_county__Intercept', "b")
    .option("--alpha <alpha>", "1 − 2·alpha intervals for one-sided, 1 − alpha for point hypotheses", real("alpha"), 0.05)
    .option("--robust", "median and MAD instead of mean and sd")
    .addOption(new Option("--scope <scope>", "standard: parameters; coef / ranef: every level of --group, on its coef() / ranef() draws").choices([...HYPOTHESIS_SCOPES]).default("standard"))
    .option("--group <name>", "a grouping factor: with --scope coef / ranef the levels tested; with standard, class <class>_<group>__ (e.g. --class sd --group county)")
    .option("--json", "print the table as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  hbayes hypothesis out/radon "floor < 0" "Intercept + floor > 1"\n' +
        '  hbayes hypothesis out/radon "sd_county__Intercept > 0.2" --class ""\n' +
        '  hbayes hypothesis out/sleep "Days > 5" --scope coef --group Subject',
    )
    .action((fit: string, hypotheses: string[], opts: HypothesisCliOptions) => {
      hypothesisCommand(fit, hypotheses, opts);
    });

  program
    .command("kfold")
    .description("K-fold cross-validation of a formula model, as brms's kfold(): refits without each fold and scores the held-out rows (elpd_kfold); grouped folds hold out whole groups")
    .requiredOption("--data <file>", "CSV, one row per observation")
    .requiredOption("--formula <formula>", "lme4/brms formula; repeat it to compare models on the same folds (loo_compare's table)", collect, [])
    .option("--family <family>", "response family", "gaussian")
    .option("--levels <labels>", "cumulative family: the response's categories lowest first", levelList)
    .option("--prior <prior>", "a prior, brms style; repeatable", collect, [])
    .option("--cov <name=file>", "a known covariance matrix for gr(g, cov = name), e.g. --cov A=A.csv (as hbayes fit); repeatable", collect, [])
    .option("--nlpar <formula>", 'a non-linear parameter\'s formula (brms nl = TRUE), e.g. "a ~ 1 + (1 | g)", added to every --formula; repeatable', collect, [])
    .option("--k <K>", "number of folds", int("k"), 10)
    .addOption(new Option("--folds <how>", "random: rows shuffled into K folds; grouped: whole levels of --group").choices(["random", "grouped"]).default("random"))
    .option("--group <column>", "the column whose levels grouped folds keep together")
    .addOption(new Option("--new-levels <method>", "how held-out levels get their effects").choices(["gaussian", "uncertainty"]).default("gaussian"))
    .option("--chains <n>", "chains per fit", int("chains"), 4)
    .option("--warmup <n>", "warmup iterations per chain", int("warmup"), 1000)
    .option("--draws <n>", "draws per chain", int("draws"), 1000)
    .option("--seed <n>", "random seed of the fits and of the split", int("seed"), 1)
    .option("--json", "print the estimates, pointwise elpd and folds as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  hbayes kfold --data data/radon_mn.csv --formula "log_radon ~ floor + (1 | county)" --k 5 --folds grouped --group county\n' +
        '  hbayes kfold --data data/radon_mn.csv --formula "log_radon ~ floor + (1 | county)" --formula "log_radon ~ floor" --k 5 --folds grouped --group county',
    )
    .action(async (opts: KfoldCliOptions) => {
      await kfoldCommand(opts);
    });

  program
    .command("priors")
    .description("show the priors a formula model will use (brms's defaults, refined by --prior)")
    .requiredOption("--data <file>", "CSV, one row per observation")
    .requiredOption("--formula <formula>", "lme4/brms formula")
    .option("--family <family>", "response family", "gaussian")
    .option("--levels <labels>", "cumulative family: the response's categories lowest first, e.g. no,perhaps,yes", levelList)
    .option("--prior <prior>", "a prior, brms style; repeatable", collect, [])
    .option("--cov <name=file>", "a known covariance matrix for gr(g, cov = name), e.g. --cov A=A.csv (as hbayes fit); repeatable", collect, [])
    .option("--nlpar <formula>", 'a non-linear parameter\'s formula (brms nl = TRUE), e.g. "a ~ 1 + (1 | g)"; repeatable', collect, [])
    .option("--json", "print the table as JSON")
    .addHelpText("after", '\nExample:\n  hbayes priors --data data/sleepstudy.csv --formula "Reaction ~ Days + (Days | Subject)" --prior "b ~ normal(0, 10)"')
    .action((opts: PriorsCliOptions) => {
      priorsCommand(withNlparOption(opts as PriorsCliOptions & { nlpar?: string[] }));
    });

  program
    .command("example")
    .description("run a worked example from the gallery (hbayes example --list)")
    .argument("[name]", "example name")
    .option("--list", "list the examples, one name per line first")
    .option("--out <dir>", "where to write the report (default out/examples/<name>)")
    .option("--threads <n>", "worker threads", int("threads"))
    .action(async (name: string | undefined, opts: { list?: boolean; out?: string; threads?: number }) => {
      await exampleCommand(name, opts);
    });

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const status: CommandStatus = { code: EXIT_OK };
  const program = buildProgram(status);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return status.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its message (unknown option, missing argument, --help, --version).
      return e.exitCode === 0 ? EXIT_OK : 1;
    }
    return reportError(e);
  }
}
