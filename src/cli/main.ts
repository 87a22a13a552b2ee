import { Command, CommanderError, Option } from 'commander';
import { evaluate, EXIT, report, validate } from './commands';
import { stdio, type Lang, type Output } from './output';
import { UsageError } from './plan-file';
import pkg from '../../package.json';

function program(io: Output, setCode: (code: number) => void): Command {
  const cli = new Command('plansheets')
    .description('Municipal strategic-operational plans: check a plan file, report achievement, evaluate PLAN formulas.')
    .version(pkg.version)
    .addOption(new Option('--lang <lang>', 'language of messages and titles').choices(['en', 'fa']).default('en'))
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()
    .showHelpAfterError();
  const lang = () => cli.opts().lang as Lang;

  cli
    .command('validate')
    .description('check a plan file: errors and warnings with their JSON paths (exit 1 when there are errors)')
    .argument('<plan>', 'plan JSON file')
    .option('--json', 'print the result as JSON')
    .action((plan: string, o: { json?: boolean }) => setCode(validate(plan, { ...o, lang: lang() }, io)));

  cli
    .command('report')
    .description('achievement, status, coverage and budget realization, one row per group')
    .argument('<plan>', 'plan JSON file')
    .option('--by <dimension>', 'workingGroup, unit, district, node or indicator', 'workingGroup')
    .option('--year <year>', 'plan year (default: achievement to the last plan year, budget over all years)')
    .option('--mode <mode>', 'cumulative, annual or horizon', 'cumulative')
    .option('--json', 'print the report as JSON')
    .action((plan: string, o: { by: string; year?: string; mode: string; json?: boolean }) => setCode(report(plan, { ...o, lang: lang() }, io)));

  cli
    .command('eval')
    .description('evaluate Excel formulas that use PLAN.* functions (in HyperFormula), one result per line')
    .argument('<plan>', 'plan JSON file')
    .argument('<formula...>', 'formulas such as =PLAN.TARGET("3-6-3-4",1403)')
    .option('--json', 'print [{"formula","value","message"}] as JSON')
    .action((plan: string, formulas: string[], o: { json?: boolean }) => setCode(evaluate(plan, formulas, { ...o, lang: lang() }, io)));
  return cli;
}

/** Runs the command line; returns the exit code (0 ok, 1 plan errors, 2 usage errors). */
export function run(argv: string[], io: Output = stdio): number {
  let code: number = EXIT.ok;
  const cli = program(io, (c) => (code = c));
  try {
    cli.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, successfully.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.err(`plansheets: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
  if (argv.length === 0) {
    cli.outputHelp();
    return EXIT.usage;
  }
  return code;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
