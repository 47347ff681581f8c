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
    .command('optim')
    .argument('[optimizer]', 'sgd, momentum, rmsprop, adagrad, adam or adamw')
    .summary('optimizer steps: SGD, momentum, RMSProp, AdaGrad, Adam, AdamW (worked)')
    .description('Runs an optimizer on one weight with PyTorch\'s update rules, from a gradient sequence or a function f(w): every step\'s state (v, s, m, m̂, v̂) and w, the rule as the notes and PyTorch write it.')
    .option('--grads <list>', 'the gradient at each step: 0.5,-0.3,0.2')
    .option('--f <expr>', 'a function of w to minimise; its derivative is taken symbolically: "w^2 + 3*w"')
    .option('--steps <n>', 'steps to take with --f (default 20)')
    .option('--w0 <x>', 'starting weight (default 0)')
    .option('--lr <x>', 'learning rate, the notes\' α or η (default: PyTorch\'s; SGD 0.1)')
    .option('--rho <x>', 'momentum ρ (PyTorch momentum; default 0.9)')
    .option('--beta <x>', 'RMSProp decay rate β (PyTorch alpha; default 0.99)')
    .option('--alpha <x>', 'PyTorch\'s name for RMSProp\'s --beta')
    .option('--beta1 <x>', 'Adam/AdamW β1 (default 0.9)')
    .option('--beta2 <x>', 'Adam/AdamW β2 (default 0.999)')
    .option('--eps <x>', 'ε (default 1e-8; AdaGrad 1e-10)')
    .option('--weight-decay <x>', 'λ: coupled L2 (g += λw) for sgd..adam, decoupled for adamw (default 0; AdamW 0.01)')
    .option('--compare <list>', 'run several optimizers from the same start: sgd,momentum,adam')
    .option('--plot', 'plot the trajectory (w, and f(w) with --f) in the terminal')
    .option('--json', 'print the result as JSON only')
    .option('--answer <answer>', 'check your answer: w after the last step (-0.1), or named: w1=-0.1, m2=0.02, vhat1=0.25')
    .addHelpText('after', examples(
      'dlnotes optim adam --grads 0.5,-0.3,0.2 --lr 0.1',
      'dlnotes optim momentum --rho 0.9 --lr 0.1 --grads 1,1,1 --answer w3=-0.561',
      'dlnotes optim --compare sgd,momentum,adam --f "w^2 + 3*w" --w0 5 --lr 0.1 --steps 30 --plot',
    ))
    .action(lazy(() => import('./commands/optim')));

  program
    .command('lr')
    .argument('[schedule]', 'step, cosine, linear, inverse-sqrt or constant')
    .summary('learning-rate schedules: step, cosine, linear, inverse-sqrt, warm-up (worked)')
    .description('A learning-rate schedule epoch by epoch (t = 0 … total), matching PyTorch\'s MultiStepLR, CosineAnnealingLR and LinearLR, with optional linear warm-up.')
    .option('--lr <x>', 'initial (peak) learning rate η_max (default 0.1)')
    .option('--total <n>', 'epochs: the table runs t = 0 … total; T_max for cosine, T for linear (default 100)')
    .option('--warmup <n>', 'linear warm-up epochs N: lr·(t+1)/N for t < N, then the schedule from t = N')
    .option('--milestones <list>', 'step: epochs at which lr is multiplied by --gamma (default 30,60,90, ResNet)')
    .option('--gamma <x>', 'step: the factor at each milestone (default 0.1)')
    .option('--min <x>', 'cosine: η_min (default 0)')
    .option('--at <t>', 'just the value at epoch t, worked out')
    .option('--plot', 'plot the schedule in the terminal')
    .option('--json', 'print the result as JSON only')
    .option('--answer <answer>', 'check your answer: the lr at --at, or named: lr30=0.01')
    .addHelpText('after', examples(
      'dlnotes lr step --lr 0.1 --milestones 30,60,90 --gamma 0.1 --at 65',
      'dlnotes lr cosine --lr 0.1 --total 100 --at 25 --answer 0.0854',
      'dlnotes lr cosine --lr 0.1 --min 0.001 --total 50 --warmup 5 --plot',
    ))
    .action(lazy(() => import('./commands/lr')));

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
