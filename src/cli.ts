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
    .command('pool')
    .summary('pooling layer: output size with floor/ceil mode as PyTorch (worked)')
    .description('One MaxPool2d/AvgPool2d layer: output size exactly as PyTorch computes it, including ceil_mode and its last-window rule.')
    .option('--h <n>', 'input height')
    .option('--w <n>', 'input width (default: same as --h)')
    .option('--c <n>', 'channels (unchanged by pooling)')
    .option('--f <n>', 'window (kernel) size')
    .option('--s <n>', 'stride (default: the window size, as in PyTorch)')
    .option('--p <n>', 'padding (at most half the window)', '0')
    .option('--d <n>', 'dilation (max pooling only)', '1')
    .option('--ceil', 'ceil_mode=True: round the output size up')
    .option('--type <max|avg>', 'max or average pooling', 'max')
    .option('--json', 'print the result as JSON only')
    .option('--answer <answer>', "check your answer: 112, 112x112x64, size=3")
    .addHelpText('after', examples(
      'dlnotes pool --h 224 --f 2',
      'dlnotes pool --h 112 --f 3 --s 2 --p 1 --answer 56',
      'dlnotes pool --h 5 --f 2 --s 2 --ceil          # 3: the partial window is kept',
    ))
    .action(lazy(() => import('./commands/pool')));

  program
    .command('params')
    .summary('parameter counts: conv, fc, bn, stacked 3x3 vs 7x7, depthwise-separable')
    .description('Parameter counts of single layers, worked out, and the course\'s comparisons.\nKinds: conv (--f --c --k [--groups] [--no-bias]), fc (--in --out), bn (--c), stack (--n --f --c: n stacked FxF convs vs one conv with the same receptive field), separable (--f --c --k: depthwise-separable vs standard).')
    .argument('<kind>', 'conv | fc | bn | stack | separable')
    .option('--f <n>', 'filter size')
    .option('--fh <n>', 'filter height')
    .option('--fw <n>', 'filter width')
    .option('--c <n>', 'input channels')
    .option('--k <n>', 'number of filters (output channels)')
    .option('--groups <n>', 'groups (C for depthwise)')
    .option('--in <n>', 'input features (fc)')
    .option('--out <n>', 'output features (fc)')
    .option('--n <n>', 'number of stacked layers (stack)', '3')
    .option('--no-bias', 'no bias terms')
    .option('--no-affine', 'BatchNorm without gamma/beta')
    .option('--json', 'print the result as JSON only')
    .option('--answer <answer>', 'check your answer: 760, params=760, "stack=110592, single=200704"')
    .addHelpText('after', examples(
      'dlnotes params conv --f 5 --c 3 --k 10 --answer 760',
      'dlnotes params stack --n 3 --f 3 --c 64      # 27C² vs 49C²',
      'dlnotes params fc --in 25088 --out 4096',
    ))
    .action(lazy(() => import('./commands/params')));

  program
    .command('rf')
    .summary('receptive field, jump and start of every layer in a stack')
    .description('Receptive field of a stack of layers, per layer and in total (Distill, "Computing Receptive Fields of CNNs"): size, jump (cumulative stride), start (centre of the first unit), effective stride and padding. Layer kinds: conv, maxpool, avgpool, relu, bn, dropout, flatten, gap, fc; keys k, s, p, d, out.')
    .option('--layers <stack>', 'inline stack: "conv k=3 s=1 p=1; maxpool k=2 s=2; conv k=3 d=2"')
    .option('--spec <file>', 'YAML spec: input: [3, 224, 224] and layers: [ {conv: {out: 64, k: 3, p: 1}}, relu, ... ]')
    .option('--input <shape>', 'input size for per-layer output sizes: 224, 224x224 or 3x224x224')
    .option('--json', 'print the result as JSON only')
    .option('--answer <answer>', 'check your answer: 7, rf=7, "rf=10, stride=4"')
    .addHelpText('after', examples(
      'dlnotes rf --layers "conv k=3; conv k=3; conv k=3" --answer 7',
      'dlnotes rf --layers "conv k=3 s=1 p=1; maxpool k=2 s=2; conv k=3 d=2" --input 32',
      'dlnotes rf --spec net.yaml --json',
    ))
    .action(lazy(() => import('./commands/rf')));

  program
    .command('check')
    .summary('check a homework file of problems and answers with the calculators')
    .description('Grades a YAML (or JSON) homework file: each item names a calculator with its flags and your answers. Prints right/wrong per answer with the worked solution for wrong ones and a score. Exit 0 all right, 1 any wrong, 2 malformed file (file:line:col).')
    .argument('[file]', 'homework file (YAML or JSON)')
    .option('--template [calculator]', 'print an example file (conv, pool, params, rf, ... or all)')
    .option('--json', 'print per-item verdicts as JSON')
    .addHelpText('after', examples(
      'dlnotes check --template conv > hw.yaml',
      'dlnotes check hw.yaml',
      'dlnotes check hw.yaml --json',
    ))
    .action(lazy(() => import('./commands/check')));

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
