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

  const backprop = program
    .command('backprop')
    .summary('computational graph: forward values, gate-by-gate gradients, drawing (worked)')
    .description('Builds the computational graph of an expression at a point, runs the forward and backward pass gate by gate and shows the graph, a table in topological order, the pattern of each gate in words and every gradient. A variable used twice goes through a copy gate whose gradients add. `backprop matmul` does Y = XW.')
    .argument('[expression]', 'mathjs syntax: + - * / ^, unary minus, exp log sqrt sigmoid tanh relu abs sin cos max min (quote it)')
    .argument('[values...]', 'the point: x=-2 y=5 (or x=-2,y=5); w=[2,-3,-3] names w0, w1, w2')
    .option('--json', 'print value, grads and every node as JSON only')
    .option('--dot', 'print Graphviz DOT (values green, gradients red); render with dot -Tpng')
    .option('--answer <answer>', 'check your gradients: x=-4,y=-4,z=3 (also dx=..., value=..., or a bare list in the order given)')
    .option('--digits <n>', 'significant digits shown (default 4)')
    .addHelpText('after', `${examples(
      'dlnotes backprop "(x+y)*z" x=-2 y=5 z=-4',
      'dlnotes backprop "1/(1+exp(-(w0*x0+w1*x1+w2)))" w=[2,-3,-3] x=[-1,-2]',
      'dlnotes backprop "(x+y)*z" x=-2 y=5 z=-4 --answer x=-4,y=-4,z=3',
      'dlnotes backprop "max(x,y)*z" x=1 y=2 z=3 --dot | dot -Tpng > graph.png',
      'dlnotes backprop matmul --x "[[1,2],[3,4]]" --w "[[1,0,2],[0,1,-1]]" --dy "[[1,1,1],[0,1,2]]"',
    )}
At a max/min tie the gradient is split equally (PyTorch torch.maximum); relu'(0) = 0 and abs'(0) = 0 as in PyTorch.
An expression starting with "-" needs "--" before it: dlnotes backprop -- "-x*y" x=1 y=2
`)
    .action(lazy(() => import('./commands/backprop')));

  backprop
    .command('matmul')
    .summary('Y = XW: dL/dX = dL/dY·Wᵀ, dL/dW = Xᵀ·dL/dY, shapes checked (worked)')
    .description('Forward and backward of Y = XW with every shape checked, each element of dL/dX and dL/dW spelled out as a sum, and which elements of Y one x_{n,d} affects (the notes\' Q1/Q2).')
    .option('--x <matrix>', 'X, N×D: "[[1,2],[3,4]]" or "1,2; 3,4"')
    .option('--w <matrix>', 'W, D×M')
    .option('--dy <matrix>', 'dL/dY, N×M (default: all ones, L = sum of Y)')
    .option('--json', 'print y, dX, dW as JSON only')
    .option('--answer <answer>', 'check: dx=[[..]], dw=1,2;3,4, y=..., or one element dw_1_2=5 (1-based)')
    .option('--digits <n>', 'significant digits shown (default 6)')
    .addHelpText('after', examples(
      'dlnotes backprop matmul --x "[[1,2],[3,4]]" --w "[[1,0],[0,1]]" --dy "[[1,2],[3,4]]"',
      'dlnotes backprop matmul --x "1,2; 3,4" --w "5,6; 7,8" --dy "1,0; 0,1" --answer "dw=[[1,3],[2,4]]"',
      'dlnotes backprop matmul --x "[[1,2,3]]" --w "[[1],[2],[3]]" --json',
    ))
    .action(lazy(() => import('./commands/matmul')));

  program
    .command('gradcheck')
    .summary('gradient check: analytic vs symbolic vs forward/centred differences')
    .description('Compares the backward-pass gradient of an expression with mathjs\'s symbolic derivative and with numerical ones: the notes\' forward difference (f(x+h) − f(x))/h and the centred difference (f(x+h) − f(x−h))/(2h), by relative error |a − n|/max(|a|, |n|), with a verdict, and shows why the centred one is better.')
    .argument('[expression]', 'as for backprop (quote it)')
    .argument('[values...]', 'the point: x=1.5 y=-2')
    .option('--h <h>', 'step of the numerical differences', '1e-5')
    .option('--json', 'print the checks as JSON only')
    .option('--digits <n>', 'significant digits shown (default 8)')
    .addHelpText('after', examples(
      'dlnotes gradcheck "x^3 + sin(x)*y" x=1.5 y=-2',
      'dlnotes gradcheck "sigmoid(w*x+b)" w=0.5 x=2 b=-1 --h 1e-4',
      'dlnotes gradcheck "relu(x-1)*y" x=1.000001 y=2      # too close to the kink',
    ))
    .action(lazy(() => import('./commands/gradcheck')));

  program
    .command('gate')
    .summary('one gate forward and backward: add distributes, mul swaps, max routes, copy sums')
    .description('One add, mul, max, min or copy gate: its output, local gradients and the gradient each input receives from the upstream gradient.')
    .argument('[gate]', 'add, mul, max, min or copy')
    .option('--inputs <list>', 'input values: 3,-4 (copy: one value)')
    .option('--upstream <list>', 'upstream gradient dL/dout (default 1); copy: one per use, e.g. 2,-1')
    .option('--json', 'print the result as JSON only')
    .option('--answer <answer>', 'check the downstream gradients: -8,6 or dx=-8,dy=6')
    .addHelpText('after', examples(
      'dlnotes gate mul --inputs 3,-4 --upstream 2',
      'dlnotes gate max --inputs 4,4 --upstream 5           # a tie: split equally',
      'dlnotes gate copy --inputs 3 --upstream 2,-1 --answer 1',
    ))
    .action(lazy(() => import('./commands/gate')));

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
