import { Command, CommanderError, Option } from 'commander';
import { evaluate, EXIT, report, validate } from './commands';
import { build, merge, templates } from './sheet-commands';
import { importCommand } from './import-command';
import { councilCommand } from './council-command';
import { addFormsCommand } from './forms-command';
import { addUsersCommand } from './users-command';
import { addServeCommand } from './serve-command';
import { addClientCommands } from './client-commands';
import { digitsFor, stdio, type Digits, type Lang, type Output } from './output';
import { UsageError } from './plan-file';
import pkg from '../../package.json';

function program(io: Output, setCode: (code: number) => void): Command {
  const cli = new Command('plansheets')
    .description('Municipal strategic-operational plans: check a plan file, report achievement, evaluate PLAN formulas.')
    .version(pkg.version)
    .addOption(new Option('--lang <lang>', 'language of messages and titles').choices(['en', 'fa']).default('en'))
    .addOption(new Option('--digits <digits>', 'digits of the figures shown (default: Persian with --lang fa, else Latin)').choices(['fa', 'latn']))
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()
    .showHelpAfterError();
  const lang = () => cli.opts().lang as Lang;
  const digits = () => cli.opts().digits as Digits | undefined;

  cli
    .command('validate')
    .description('check a plan file: errors and warnings with their JSON paths (exit 1 when there are errors)')
    .argument('<plan>', 'plan JSON file')
    .option('--json', 'print the result as JSON')
    .action((plan: string, o: { json?: boolean }) => setCode(validate(plan, { ...o, lang: lang(), digits: digits() }, io)));

  cli
    .command('report')
    .description('achievement, status, coverage and budget realization, one row per group')
    .argument('<plan>', 'plan JSON file')
    .option('--by <dimension>', 'workingGroup, unit, district, node or indicator', 'workingGroup')
    .option('--year <year>', 'plan year (default: achievement to the last plan year, budget over all years)')
    .option('--mode <mode>', 'cumulative, annual or horizon', 'cumulative')
    .option('--json', 'print the report as JSON')
    .option('--pdf <file>', 'write the council report to print: by group, achievement beside budget realization with a chart, red indicators, lines not reported (needs LibreOffice)')
    .option('--docx <file>', 'write the council report as a Word document')
    .option('--doc-lang <lang>', "language of the --pdf/--docx report: en or fa (default: the plan's)")
    .action(async (plan: string, o: { by: string; year?: string; mode: string; json?: boolean; pdf?: string; docx?: string; docLang?: string }) =>
      setCode(o.pdf !== undefined || o.docx !== undefined ? await councilCommand(plan, { ...o, lang: lang(), digits: digits() }, io) : report(plan, { ...o, lang: lang(), digits: digits() }, io)),
    );

  cli
    .command('eval')
    .description('evaluate Excel formulas that use PLAN.* functions (in HyperFormula), one result per line')
    .argument('<plan>', 'plan JSON file')
    .argument('<formula...>', 'formulas such as =PLAN.TARGET("3-6-3-4",1403)')
    .option('--json', 'print [{"formula","value","message"}] as JSON')
    .action((plan: string, formulas: string[], o: { json?: boolean }) => setCode(evaluate(plan, formulas, { ...o, lang: lang() }, io)));
  cli
    .command('build')
    .description('write the indicator sheets of a plan to an .xlsx workbook (one sheet per working group or unit)')
    .argument('<plan>', 'plan JSON file')
    .requiredOption('-o, --out <book>', 'the workbook to write')
    .option('--by <grouping>', 'workingGroup or unit', 'workingGroup')
    .addOption(new Option('--sheet-lang <lang>', "sheet headers' language (default: the plan's)").choices(['en', 'fa']))
    .option('--definitions', "add the Definitions sheet: each indicator's and item's definition (title, unit, polarity, targets…) to correct, and the import's guesses to confirm")
    .action(async (plan: string, o: { out: string; by: string; sheetLang?: string; definitions?: boolean }) => setCode(await build(plan, { ...o, lang: lang(), digits: digits() }, io)));

  cli
    .command('import')
    .description("read the approved plan's tables (the book's tables or flat tables; TSV/CSV text, .xlsx sheets, Word .docx) into a plan file, reporting every row it had to interpret and accounting for every table")
    .argument('<files...>', 'table files (.tsv, .txt, .csv, .xlsx, .docx)')
    .requiredOption('-o, --out <plan>', 'the plan JSON file to write')
    .option('--id <id>', 'the plan id (default: from the output file name)')
    .option('--title <title>', "the plan's title")
    .option('--json', 'print the report as JSON')
    .option('--encoding <name>', "the text files' encoding: utf-8, utf-16le, utf-16be or windows-1256 (default: detected)")
    .option('--units <file>', "the municipality's units (a plan, a JSON list, or one unit per line: title, or id and title): headings map onto them and no other unit is made")
    .action(async (files: string[], o: { out: string; id?: string; title?: string; json?: boolean; encoding?: string; units?: string }) => setCode(await importCommand(files, { ...o, lang: lang() }, io)));

  cli
    .command('templates')
    .description("write each unit's data-entry template for a year or period (one .xlsx per unit, named after it)")
    .argument('<plan>', 'plan JSON file')
    .requiredOption('-o, --out <dir>', 'the folder to write to')
    .option('--unit <id>', 'one unit only')
    .option('--year <period>', "a plan year or period (1403, 1403-H1); default: this Jalali year")
    .addOption(new Option('--sheet-lang <lang>', "templates' language (default: the plan's)").choices(['en', 'fa']))
    .action(async (plan: string, o: { out: string; unit?: string; year?: string; sheetLang?: string }) => setCode(await templates(plan, { ...o, lang: lang(), digits: digits() }, io)));

  cli
    .command('merge')
    .description('merge what was typed into indicator sheets and unit templates back into the plan (exit 3 when something could not be applied)')
    .argument('<plan>', 'the current plan JSON file')
    .argument('<books...>', 'filled workbooks or templates (.xlsx)')
    .requiredOption('-o, --out <file>', 'the merged plan to write')
    .option('--by <name>', 'who is merging, for the audit trail (default: the system user)')
    .option('--base <plan>', 'the plan the books were built from, for books that no longer carry it')
    .option('--strict', 'apply nothing when anything cannot be applied')
    .option('--json', 'print the result as JSON')
    .action(async (plan: string, books: string[], o: { out: string; by?: string; base?: string; strict?: boolean; json?: boolean }) => setCode(await merge(plan, books, { ...o, lang: lang(), digits: digits() }, io)));
  addFormsCommand(cli, io, setCode, lang, digits);
  addUsersCommand(cli, io, setCode);
  addServeCommand(cli, io, setCode);
  addClientCommands(cli, io, setCode, lang, digits);
  return cli;
}

/** The exit code of a failure nobody foresaw (a bug): one line on stderr, no stack. */
export const EXIT_INTERNAL = 4;

/**
 * Runs the command line; returns the exit code (0 ok, 1 plan errors, 2 usage errors, 3 not all
 * merged, 4 an unexpected failure). Never throws: an unexpected error is one line, with its stack
 * only when PLANSHEETS_DEBUG=1.
 */
export async function run(argv: string[], io: Output = stdio): Promise<number> {
  let code: number = EXIT.ok;
  let command: string | undefined;
  let cli: Command | undefined;
  try {
    cli = program(io, (c) => (code = c));
    cli.hook('preAction', (_cli, action) => void (command = action.name()));
    await cli.parseAsync(argv, { from: 'user' });
    if (argv.length === 0) {
      cli.outputHelp();
      return EXIT.usage;
    }
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, successfully.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      // Options are parsed before any command throws one: its language and digits are known.
      const { lang, digits } = (cli?.opts() ?? {}) as { lang?: Lang; digits?: Digits };
      io.err(`plansheets: ${e.say(lang ?? 'en', digitsFor(lang ?? 'en', digits))}`);
      return EXIT.usage;
    }
    io.err(`plansheets: ${command ? `${command} failed unexpectedly` : 'failed unexpectedly'}: ${oneLine(e)}`);
    if (process.env.PLANSHEETS_DEBUG === '1' && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT_INTERNAL;
  }
  return code;
}

/** An error's message on one line, whatever was thrown (an object whose toString throws included). */
function oneLine(e: unknown): string {
  let text: string;
  try {
    text = e instanceof Error ? e.message || e.name : String(e);
  } catch {
    text = '';
  }
  text = text.replace(/\s+/g, ' ').trim() || 'an error without a message';
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

if (require.main === module) void run(process.argv.slice(2)).then((c) => (process.exitCode = c));
