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
    .command('summary [net]')
    .summary('whole network: per-layer shapes, params, MACs, memory, receptive field (zoo or your spec)')
    .description('A whole network layer by layer (output C×H×W, parameters, MACs, activations and fp32 memory, receptive field and jump) with totals. Built-in torchvision networks (--list) or your own YAML spec (docs/spec-format.md).')
    .option('--spec <file>', 'your own network as a YAML spec instead of a built-in one')
    .option('--input <CxHxW>', 'input size, e.g. 3x224x224 (or 224x224, or 224)')
    .option('--batch <n>', 'images per batch, for MACs and memory', '1')
    .option('--levels <n>', 'show rows nested fewer than n levels deep (deeper blocks as one summed row)')
    .option('--list', 'list the built-in networks')
    .option('--cs231n', 'vgg16 only: the CS231n per-layer memory/params walkthrough, and its slip')
    .option('--json', 'print the result as JSON only')
    .option('--answer <answer>', 'check your answer: params=138357544, macs=15.47G, "params=25.6M, depth=50"')
    .addHelpText('after', examples(
      'dlnotes summary --list',
      'dlnotes summary resnet18 --levels 2',
      'dlnotes summary vgg16 --cs231n',
      'dlnotes summary --spec docs/examples/cifar-resnet.yaml --batch 64 --answer macs=867M',
    ))
    .action(lazy(() => import('./commands/summary')));

  program
    .command('net [name]')
    .summary('a classic network: year, depth, key ideas, with figures from the summary')
    .description('What the exam asks about AlexNet, VGG, GoogLeNet, ResNet and MobileNetV2: year, authors, result, depth, parameters, MACs, receptive field, and what each introduced (figures computed from the torchvision definitions).')
    .option('--list', 'list the classic networks')
    .option('--json', 'print the report as JSON only')
    .addHelpText('after', examples(
      'dlnotes net --list',
      'dlnotes net vgg            # why stacks of 3×3 convs',
      'dlnotes net resnet50 --json',
    ))
    .action(lazy(() => import('./commands/net')));

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
