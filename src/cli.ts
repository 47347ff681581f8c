/**
 * The one commander registry. Each action imports its command module only
 * when that subcommand runs, so `dlnotes conv` never loads the quiz engine
 * or mathjs. Commands throw UsageError (exit 2) or ExitError (exit 1); only
 * this file sets the exit code.
 */
import { Command, CommanderError } from 'commander';
import { ExitError, UsageError } from './errors';
import { colorWanted, setColor } from './render/style';

type Action = (...args: never[]) => Promise<void>;

/** Wraps a lazily imported command so its module loads only when it runs. */
function lazy<M extends { run: Action }>(load: () => Promise<M>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const mod = await load();
    // commander passes (positionals..., options, command): hand the command module exactly that.
    await (mod.run as (...a: unknown[]) => Promise<void>)(...args);
  };
}

/** Collects a repeatable option (`--bank a --bank b`) into a list. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export function buildProgram(): Command {
  const program = new Command('dlnotes');
  program
    .description('Exam drill and calculator for a deep-learning course: worked solutions, answer checks, spaced repetition.')
    .version('0.1.0', '-V, --version')
    .option('--no-color', 'plain output without colours (also NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureHelp({ sortSubcommands: false });

  program
    .command('conv')
    .summary('conv layer: output size, parameters, MACs, memory (worked)')
    .description('One Conv2d (or ConvTranspose2d) layer worked out with PyTorch conventions: output size, parameters, MACs/FLOPs, output memory.')
    .option('--h <n>', 'input height')
    .option('--w <n>', 'input width (default: same as --h)')
    .option('--c <n>', 'input channels')
    .option('--k <n>', 'number of filters (output channels)')
    .option('--f <n>', 'filter size (square)')
    .option('--fh <n>', 'filter height')
    .option('--fw <n>', 'filter width')
    .option('--s <n>', 'stride', '1')
    .option('--p <n|same|valid>', 'padding: a number, same or valid', '0')
    .option('--d <n>', 'dilation', '1')
    .option('--groups <n>', 'groups (C for depthwise)', '1')
    .option('--bias', 'count bias terms (default)')
    .option('--no-bias', 'no bias terms (bias=False)')
    .option('--transpose', 'transposed convolution (ConvTranspose2d)')
    .option('--output-padding <n>', 'output padding of a transposed convolution', '0')
    .option('--batch <n>', 'images per batch, for MACs and memory', '1')
    .option('--json', 'print the result as JSON only')
    .option('--answer <answer>', 'check your answer: 32, 32x32x10, params=760, "output=32x32x10, macs=768000"')
    .addHelpText('after', examples(
      'dlnotes conv --h 32 --f 5 --s 1 --p 2',
      'dlnotes conv --h 32 --c 3 --k 10 --f 5 --p 2 --answer params=760',
      'dlnotes conv --h 10 --f 3 --s 2          # 4.5: does not tile the input',
      'dlnotes conv --h 7 --c 64 --k 64 --f 3 --s 2 --p 1 --transpose --output-padding 1 --json',
    ))
    .action(lazy(() => import('./commands/conv')));

  program
    .command('quiz')
    .summary("today's spaced-repetition session: due reviews, then new questions")
    .description('The daily session: due reviews first, then new questions, one at a time, graded at once and scheduled with FSRS. Every answer is saved the moment it is given. In a terminal it is interactive; with piped input each answer is one line (numbers, expressions, choice letters "a" or "a,c", cloze blanks separated by ";"; for cards one line to reveal then a rating 1-4 or again/hard/good/easy). At an answer prompt: :s skip, :b bury until tomorrow, :sus suspend, :u undo the last answer, :h hint, :q quit.')
    .option('--deck <ids>', 'only these decks (comma-separated)')
    .option('--tag <tag>', 'only questions with this tag')
    .option('--new <n>', 'new questions per day (default: config new_per_day, 20)')
    .option('--limit <n>', 'reviews per day (default: config reviews_per_day, 200)')
    .option('--shuffle', 'mix new questions instead of bank order')
    .option('--lang <zh|en>', 'language of the questions (default: config lang, else the locale)')
    .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
    .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW), e.g. 2025-03-01T09:30')
    .addHelpText('after', examples(
      'dlnotes quiz',
      'dlnotes quiz --deck cnn --new 5 --lang en',
      'printf "760\\na,c\\n" | dlnotes quiz --bank ./my-bank     # line mode',
    ))
    .action(lazy(() => import('./commands/quiz')));

  program
    .command('stats')
    .summary('reviews, due counts, retention, streak and a calendar heatmap')
    .description('Study statistics: reviews today and in total, due today and in the next 7 days, new questions left today, retention (share of reviews rated Hard, Good or Easy) overall and over the last 30 days, the streak, and a heatmap of reviews per day.')
    .option('--deck <ids>', 'only these decks (comma-separated)')
    .option('--tag <tag>', 'only questions with this tag')
    .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
    .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW)')
    .option('--json', 'print the statistics as JSON only')
    .addHelpText('after', examples('dlnotes stats', 'dlnotes stats --json', 'dlnotes stats --deck cnn'))
    .action(lazy(() => import('./commands/stats')));

  program
    .command('card')
    .summary("one question's scheduling state and review history")
    .description("Shows one question's FSRS state (due, stability, difficulty, reps, lapses) and every review of it, and whether its text changed since the last review. Also suspends, unsuspends or unburies it.")
    .argument('<id>', 'question id, e.g. cnn.conv.params-760')
    .option('--suspend', 'suspend it (never asked until unsuspended)')
    .option('--unsuspend', 'bring a suspended question (or a leech) back')
    .option('--unbury', 'bring a buried question back today')
    .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
    .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW)')
    .option('--json', 'print as JSON only')
    .addHelpText('after', examples('dlnotes card cnn.conv.params-760', 'dlnotes card cnn.conv.params-760 --json', 'dlnotes card cnn.conv.params-760 --unsuspend'))
    .action(lazy(() => import('./commands/card')));

  program
    .command('config')
    .summary('show or change study settings (retention, day start, limits, banks)')
    .description('Study settings in config.json in the data directory (DLNOTES_HOME overrides it). Actions: list, get KEY, set KEY VALUE, unset KEY, add bank_dirs DIR, remove bank_dirs DIR, path, reset. Keys: desired_retention, day_start_hour, new_per_day, reviews_per_day, bank_dirs, lang, fuzz, learning_steps, relearning_steps, maximum_interval, leech_threshold.')
    .argument('[action]', 'list (default), get, set, unset, add, remove, path, reset')
    .argument('[key]', 'setting name')
    .argument('[value]', 'new value')
    .option('--json', 'list or get as JSON')
    .addHelpText('after', examples('dlnotes config', 'dlnotes config set desired_retention 0.85', 'dlnotes config add bank_dirs ~/notes/my-questions'))
    .action(lazy(() => import('./commands/config')));

  const bank = program
    .command('bank')
    .summary('the question bank: lint, list, show, stats, templates')
    .description('Browse and check the question bank (questions/*.yaml, or your own with --bank DIR; format: docs/bank-format.md).');
  bank
    .command('lint')
    .argument('[dirs...]', 'bank directories or deck files (default: the shipped bank)')
    .summary('check a bank: schema, ids, tags, LaTeX, formulas, templates')
    .description('Checks every deck file and reports every problem as file:line:col: schema, duplicate ids, unknown tags and sources, choice letters, cloze blanks, LaTeX that does not parse, formula keys, generated templates drawn with several seeds. Exit 0 when clean, 1 with problems, 2 when a path cannot be read.')
    .option('--seeds <n>', 'seeds to draw each generated question with', '8')
    .option('--json', 'print {ok, decks, questions, problems} as JSON')
    .addHelpText('after', examples(
      'dlnotes bank lint',
      'dlnotes bank lint ~/my-bank',
      'dlnotes bank lint ~/my-bank --json',
    ))
    .action(lazy(() => import('./commands/bank/lint')));
  bank
    .command('list')
    .summary('list questions by deck (filter by deck, type, tag)')
    .option('--deck <id>', 'only this deck')
    .option('--type <type>', 'only this type: card, choice, numeric, formula, cloze, generated')
    .option('--tag <tag>', 'only questions with this tag')
    .option('--bank <dir>', 'use this bank instead of the shipped one (repeatable)', collect)
    .option('--lang <lang>', 'zh or en (default: from the locale)')
    .option('--json', 'print the questions as JSON')
    .addHelpText('after', examples(
      'dlnotes bank list --deck cnn',
      'dlnotes bank list --type formula --lang zh',
      'dlnotes bank list --tag batchnorm --json',
    ))
    .action(lazy(() => import('./commands/bank/list')));
  bank
    .command('show')
    .argument('<id>', 'question id, e.g. cnn.conv.params-760')
    .summary('show one question with its answer and explanation')
    .description('Shows one question rendered (LaTeX as Unicode), with its answer and explanation; a generated question with one sample instance and its worked solution.')
    .option('--seed <n>', 'seed for the sample of a generated question')
    .option('--bank <dir>', 'use this bank instead of the shipped one (repeatable)', collect)
    .option('--lang <lang>', 'zh or en (default: from the locale)')
    .option('--json', 'print the question as JSON')
    .addHelpText('after', examples(
      'dlnotes bank show cnn.conv.params-760',
      'dlnotes bank show cnn.conv.params-760 --lang zh --json',
    ))
    .action(lazy(() => import('./commands/bank/show')));
  bank
    .command('stats')
    .summary('questions per deck, type and tag; sections with no question')
    .option('--bank <dir>', 'use this bank instead of the shipped one (repeatable)', collect)
    .option('--lang <lang>', 'zh or en (default: from the locale)')
    .option('--json', 'print the counts as JSON')
    .addHelpText('after', examples('dlnotes bank stats', 'dlnotes bank stats --json'))
    .action(lazy(() => import('./commands/bank/stats')));
  bank
    .command('templates')
    .summary('the generated-problem templates (id, topic, title, options)')
    .option('--lang <lang>', 'zh or en (default: from the locale)')
    .option('--json', 'print the templates as JSON')
    .addHelpText('after', examples('dlnotes bank templates', 'dlnotes bank templates --json'))
    .action(lazy(() => import('./commands/bank/templates')));

  return program;
}

async function main(argv: string[]): Promise<number> {
  await setColor(colorWanted(process.env, argv, process.stdout.isTTY === true));
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof ExitError) return e.exitCode;
    if (e instanceof UsageError) {
      process.stderr.write(`dlnotes: ${e.message}\n`);
      return 2;
    }
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
    process.stderr.write(`dlnotes: internal error: ${(e as Error)?.stack ?? String(e)}\nPlease report this with the command you ran.\n`);
    return 70;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
