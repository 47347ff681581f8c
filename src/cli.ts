/**
 * The one commander registry. Each action imports its command module only
 * when that subcommand runs, so `dlnotes conv` never loads the quiz engine
 * or the expression parser. Commands throw UsageError (exit 2) or ExitError (exit 1); only
 * this file sets the exit code.
 */
import { builtin } from './builtin';
import { Command, CommanderError } from 'commander';
import { ExitError, UsageError } from './errors';
import { bi, msg, txt, type Text } from './core/text';
import { currentLang, langFlag, langWanted, localeLang, setLang, t } from './render/lang';
import { displayWidth } from './render/table';
import { ZH_SUMMARY } from './help-zh';
import { colorWanted, setColor } from './render/style';
import { setWidth, termWidth, widthWanted } from './render/width';
import { wrapLine, wrapText } from './render/wrap';
import { provideCommandFlags } from './registry-access';
import { writeErr, writeOut } from './write';

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

/** The argument parser's (commander's) error messages, as one line in the student's language. */
const PARSER = {
  unknownOption: msg((opt: string) => `unknown option '${opt}'`, (opt) => `未知选项 '${opt}'`),
  argMissing: msg((opt: string) => `option '${opt}' needs a value`, (opt) => `选项 '${opt}' 缺少取值`),
  missingArg: msg((arg: string) => `missing required argument '${arg}'`, (arg) => `缺少必需的参数 '${arg}'`),
  tooMany: msg((cmd: string, want: string, got: string) => `too many arguments for '${cmd}' (expected ${want}, got ${got})`, (cmd, want, got) => `'${cmd}' 的参数过多（应为 ${want} 个，收到 ${got} 个）`),
  unknownCommand: msg((cmd: string) => `unknown command '${cmd}'`, (cmd) => `未知命令 '${cmd}'`),
  didYouMean: msg((s: string) => ` (did you mean ${s}?)`, (s) => `（是不是 ${s}？）`),
  usage: bi(' (run with --help for usage)', '（加 --help 查看用法）'),
};

export function parserError(raw: string): string {
  const text = raw.replace(/^error: /, '').trim();
  const near = /\(Did you mean (.+)\?\)/.exec(text)?.[1];
  const first = text.split('\n')[0]!;
  let m: RegExpExecArray | null;
  let line: Text = first;
  if ((m = /^unknown option '(.+?)'/.exec(first))) line = PARSER.unknownOption(m[1]!);
  else if ((m = /^option '(.+?)' argument missing/.exec(first))) line = PARSER.argMissing(m[1]!);
  else if ((m = /^missing required argument '(.+?)'/.exec(first))) line = PARSER.missingArg(m[1]!);
  else if ((m = /^too many arguments for '(.+?)'\. Expected (\d+) arguments? but got (\d+)/.exec(first))) line = PARSER.tooMany(m[1]!, m[2]!, m[3]!);
  else if ((m = /^unknown command '(.+?)'/.exec(first))) line = PARSER.unknownCommand(m[1]!);
  return t(txt`${line}${near ? PARSER.didYouMean(near) : ''}${PARSER.usage}`);
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/**
 * Each subcommand's registration. Only the one being run is registered (all of
 * them for --help or an unknown name): defining two dozen commands with their
 * options and help text is a measurable part of start-up.
 */
const COMMANDS: Record<string, (program: Command) => void> = {
  conv: (program) => {
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
  },
  pool: (program) => {
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
  },
  params: (program) => {
    program
      .command('params')
      .summary('parameter counts: conv, fc, bn, stacks, separable; RNN/LSTM/GRU, attention, Transformer')
      .description('Parameter counts of single layers, worked out, and the course\'s comparisons.\nKinds: conv (--f --c --k [--groups] [--no-bias]), fc (--in --out), bn (--c), stack (--n --f --c: n stacked FxF convs vs one conv with the same receptive field), separable (--f --c --k: depthwise-separable vs standard).\nSequence models, exactly as PyTorch builds them: rnn, lstm, gru (--input --hidden [--layers] [--bidirectional] [--proj] [--no-bias]; PyTorch\'s two bias vectors and the textbook\'s one), mha (--d --heads), encoder-layer and decoder-layer (--d --heads --ff), transformer (--d --heads --ff --encoder-layers --decoder-layers [--vocab V] [--tied]).')
      .argument('<kind>', 'conv | fc | bn | stack | separable | rnn | lstm | gru | mha | encoder-layer | decoder-layer | transformer')
      .option('--f <n>', 'filter size')
      .option('--fh <n>', 'filter height')
      .option('--fw <n>', 'filter width')
      .option('--c <n>', 'input channels')
      .option('--k <n>', 'number of filters (output channels)')
      .option('--groups <n>', 'groups (C for depthwise)')
      .option('--in <n>', 'input features (fc)')
      .option('--out <n>', 'output features (fc)')
      .option('--n <n>', 'number of stacked layers (stack)', '3')
      .option('--input <D>', 'rnn/lstm/gru: input_size')
      .option('--hidden <H>', 'rnn/lstm/gru: hidden_size')
      .option('--layers <L>', 'rnn/lstm/gru: num_layers (default 1)')
      .option('--bidirectional', 'rnn/lstm/gru: both directions')
      .option('--proj <P>', 'lstm: proj_size')
      .option('--d <d>', 'mha/encoder-layer/decoder-layer/transformer: d_model (embed_dim)')
      .option('--heads <h>', 'number of attention heads')
      .option('--ff <n>', 'dim_feedforward (default 2048)')
      .option('--encoder-layers <N>', 'transformer: encoder layers (default 6)')
      .option('--decoder-layers <M>', 'transformer: decoder layers (default 6)')
      .option('--vocab <V>', 'transformer: vocabulary size, adds embeddings and the output projection')
      .option('--tied', 'transformer: one matrix for both embeddings and the output projection (the paper)')
      .option('--no-bias', 'no bias terms')
      .option('--no-affine', 'BatchNorm without gamma/beta')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 760, params=760, "stack=110592, single=200704", single=2480')
      .addHelpText('after', examples(
        'dlnotes params conv --f 5 --c 3 --k 10 --answer 760',
        'dlnotes params stack --n 3 --f 3 --c 64      # 27C² vs 49C²',
        'dlnotes params lstm --input 10 --hidden 20 --layers 2 --bidirectional',
        'dlnotes params transformer --vocab 37000 --tied   # the base model',
      ))
      .action(lazy(() => import('./commands/params')));
  },
  rnn: (program) => {
    program
      .command('rnn')
      .argument('[mode]', 'step | bptt (none: shapes, MACs and memory over a sequence)')
      .summary('RNN/LSTM/GRU: shapes, MACs, BPTT memory; one cell step; gradients through time')
      .description('nn.RNN/LSTM/GRU as PyTorch runs them.\n  dlnotes rnn --kind lstm --input D --hidden H --seq T [--batch N] [--layers L] [--bidirectional] [--batch-first] [--proj P]: output and state shapes, MACs per time step and per sequence, the values kept for backpropagation through time.\n  dlnotes rnn step --kind rnn|lstm|gru --x ... [--h ...] [--c ...] --w-ih ... --w-hh ... [--b-ih ...] [--b-hh ...]: one RNNCell/LSTMCell/GRUCell step with your weights in PyTorch\'s layout (LSTM rows i, f, g, o; GRU r, z, n).\n  dlnotes rnn bptt --w w --x x1,x2,... [--u u] [--b b] [--h0 h0] [--forget f1,f2,...]: the scalar RNN h_t = tanh(w·h_{t−1} + u·x_t + b) forward, ∂h_T/∂h_0 = ∏ w·(1 − h_t²) with the vanishing/exploding verdict, ∂h_T/∂w, and the LSTM cell path ∂c_T/∂c_0 = ∏ f_t.')
      .option('--kind <rnn|lstm|gru>', 'the recurrent layer')
      .option('--input <D>', 'input_size')
      .option('--hidden <H>', 'hidden_size')
      .option('--seq <T>', 'sequence length')
      .option('--batch <N>', 'batch size (default 1)')
      .option('--layers <L>', 'num_layers (default 1)')
      .option('--bidirectional', 'both directions')
      .option('--batch-first', 'batch_first=True: (N, T, D) input and output')
      .option('--proj <P>', 'LSTM proj_size')
      .option('--no-bias', 'bias=False')
      .option('--x <list>', 'step: the input vector; bptt: the inputs x_1..x_T')
      .option('--h <list>', 'step: h_{t-1} (default zeros)')
      .option('--c <list>', 'step: c_{t-1} of the LSTM (default zeros)')
      .option('--w-ih <rows>', 'step: weight_ih, (G·H)×D, rows separated by ";"')
      .option('--w-hh <rows>', 'step: weight_hh, (G·H)×H')
      .option('--b-ih <list>', 'step: bias_ih (G·H values; default zeros)')
      .option('--b-hh <list>', 'step: bias_hh (G·H values; default zeros)')
      .option('--nonlinearity <tanh|relu>', 'step: nn.RNNCell\'s nonlinearity (default tanh)')
      .option('--w <w>', 'bptt: recurrent weight')
      .option('--u <u>', 'bptt: input weight (default 1)')
      .option('--b <b>', 'bptt: bias (default 0)')
      .option('--h0 <h0>', 'bptt: initial state (default 0)')
      .option('--forget <list>', 'bptt: LSTM forget-gate values f_1..f_T')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: macs=~1.2M, output=35x20x40, "h=0.12,-0.3", c_1=0.5, grad=0.01')
      .addHelpText('after', examples(
        'dlnotes rnn --kind lstm --input 10 --hidden 20 --seq 35 --batch 8 --layers 2',
        'dlnotes rnn step --kind lstm --x 1,2 --h 0.5 --c 0.1 --w-ih "0.1,0.2; 0.3,0.4; -0.1,0.5; 0.2,-0.3" --w-hh "0.5; -0.5; 0.1; 0.2"',
        'dlnotes rnn bptt --w 0.5 --x 1,0.5,-1,2 --forget 0.9,0.95,0.8,0.9',
      ))
      .action(lazy(() => import('./commands/rnn')));
  },
  attention: (program) => {
    program
      .command('attention')
      .summary('attention: cost of a multi-head layer vs RNN/conv (paper table), or softmax(QKᵀ/√d_k)V on matrices')
      .description('Two calculators.\n  dlnotes attention --n N --d D [--heads h] [--batch B] [--causal] [--kernel k]: MACs of one multi-head self-attention layer split into the Q/K/V projections, QKᵀ, softmax·V and the output projection; the n² attention-matrix memory; Table 1 of "Attention Is All You Need" (O(n²·d) vs O(n·d²) vs O(k·n·d²), sequential operations, path length) with your n and d.\n  dlnotes attention --q Q --k K --v V [--causal] [--mask M]: scaled dot-product attention on small matrices (rows separated by ";"): the scores QKᵀ/√d_k, the stable softmax row by row, the output. --mask: 1 = may attend, 0 = masked (as F.scaled_dot_product_attention).')
      .option('--n <n>', 'sequence length (tokens)')
      .option('--d <d>', 'd_model')
      .option('--heads <h>', 'number of heads (default 1)')
      .option('--batch <B>', 'batch size (default 1)')
      .option('--kernel <k>', 'kernel width of the convolution in the comparison (default 3)')
      .option('--causal', 'causal (decoder) attention: query i sees keys j ≤ i')
      .option('--q <rows>', 'queries Q, n×d_k: "1,0; 0,1"')
      .option('--k <rows>', 'keys K, m×d_k')
      .option('--v <rows>', 'values V, m×d_v')
      .option('--mask <rows>', '0/1 mask, n×m (1 = may attend)')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: macs=~1.1G, memory=2MiB, weights_1_2=0.27, "output=0.5,0.5; 1,0"')
      .addHelpText('after', examples(
        'dlnotes attention --n 128 --d 512 --heads 8',
        'dlnotes attention --q "1,0; 0,1" --k "1,0; 0,1" --v "1,2; 3,4"',
        'dlnotes attention --q "1,0; 0,1; 1,1" --k "1,0; 0,1; 1,1" --v "1; 2; 3" --causal --answer weights_2_1=0.5',
      ))
      .action(lazy(() => import('./commands/attention')));
  },
  rf: (program) => {
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
  },
  check: (program) => {
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
  },
  loss: (program) => {
    program
      .command('loss')
      .summary('SVM and softmax losses, KL / cross-entropy, L1/L2 regularization (worked)')
      .description('Classification losses as in the notes (PyTorch conventions named where they differ): multiclass SVM (hinge) with every margin term, softmax cross-entropy (natural log), KL divergence and cross-entropy between distributions, L1/L2 regularization with its gradient, and the loss to expect at initialisation.')
      .argument('[kind]', 'svm, softmax, kl, ce or reg')
      .option('--scores <rows>', 'class scores; samples separated by ";": "3.2,5.1,-1.7; 1.3,4.9,2.0"')
      .option('--label <y>', 'correct class of a single sample (0-based)')
      .option('--labels <list>', 'correct classes, one per sample: 0,1,2')
      .option('--delta <x>', 'SVM margin Δ (default 1)')
      .option('--squared', 'squared hinge max(0, ·)² (the notes\' Q3)')
      .option('--p <rows>', 'kl/ce: the distribution P (rows separated by ";")')
      .option('--q <rows>', 'kl/ce: the distribution Q')
      .option('--normalize', 'kl/ce: rescale P and Q to sum to 1')
      .option('--reg <l1|l2>', 'add λR(W) to the data loss (or alone: dlnotes loss reg)')
      .option('--lambda <x>', 'regularization strength λ')
      .option('--weights <rows>', 'the weights W for R(W): "0.2,-0.5; 1.5,1.3"')
      .option('--data-loss <x>', 'reg: a data loss to add λR(W) to')
      .option('--init-check', 'the loss to expect at initialisation (the notes\' Q4)')
      .option('--classes <C>', 'number of classes, for --init-check')
      .option('--questions', 'svm: answer the notes\' Q1-Q5 with these numbers')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 5.27, loss=5.27, "loss1=2.9, loss3=12.9", py=0.13')
      .addHelpText('after', examples(
        'dlnotes loss svm --scores "3.2,5.1,-1.7; 1.3,4.9,2.0; 2.2,2.5,-3.1" --labels 0,1,2',
        'dlnotes loss softmax --scores 3.2,5.1,-1.7 --label 0 --answer 2.04',
        'dlnotes loss kl --p 0.2,0.8 --q 0.5,0.5',
        'dlnotes loss --init-check --classes 10',
        'dlnotes loss svm --scores 3.2,5.1,-1.7 --label 0 --reg l2 --lambda 0.1 --weights "0.2,-0.5; 1.5,1.3"',
      ))
      .action(lazy(() => import('./commands/loss')));
  },
  act: (program) => {
    program
      .command('act')
      .summary('activation functions: value, derivative, pros/cons, terminal plots')
      .description('Activation functions as PyTorch defines them: value and derivative at a point with the formula (PyTorch\'s autograd value at kinks), the notes\' pros and cons, and plots of the function and its derivative. Several names compare them.')
      .argument('[names]', 'comma-separated: sigmoid, tanh, relu, leaky-relu, prelu, elu, selu, gelu, maxout (or all)')
      .option('--x <x>', 'the point (maxout: a vector 1,2)')
      .option('--alpha <a>', 'α of leaky-relu (0.01), prelu (0.25), elu (1)')
      .option('--approx <tanh>', 'gelu: tanh approximation (as GELU(approximate=\'tanh\'))')
      .option('--w1 <list>', 'maxout: first weight vector')
      .option('--b1 <b>', 'maxout: first bias (default 0)')
      .option('--w2 <list>', 'maxout: second weight vector')
      .option('--b2 <b>', 'maxout: second bias (default 0)')
      .option('--plot', 'plot the function and its derivative in the terminal')
      .option('--range <lo,hi>', 'x range for --plot (default -4,4)')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 0.73, value=0.73, "value=0.73,grad=0.20"')
      .addHelpText('after', examples(
        'dlnotes act sigmoid --x 1 --answer value=0.73,grad=0.20',
        'dlnotes act relu,leaky-relu,gelu,elu --plot',
        'dlnotes act gelu --x 1 --approx tanh --json',
        'dlnotes act maxout --x 1,2 --w1 0.5,-1 --b1 0 --w2 1,0.5 --b2 -1',
      ))
      .action(lazy(() => import('./commands/act')));
  },
  bn: (program) => {
    program
      .command('bn')
      .summary('BatchNorm: batch statistics, x̂, y and the running statistics (worked)')
      .description('BatchNorm as torch.nn.BatchNorm1d computes it. Training mode: μ_B, biased σ_B², x̂ and y per feature, and the running mean/variance update (running_var takes the unbiased variance). Test mode: normalise with the running statistics.')
      .option('--x <rows>', 'the batch: rows are samples, columns features: "1,2; 2,-1; 4,0.5"')
      .option('--gamma <list>', 'scale γ per feature, or one value for all (default 1)')
      .option('--beta <list>', 'shift β per feature, or one value for all (default 0)')
      .option('--eps <x>', 'ε (default 1e-5)')
      .option('--momentum <x>', 'running-statistics momentum (default 0.1)')
      .option('--mode <train|test>', 'train (batch statistics) or test (running statistics)', 'train')
      .option('--running-mean <list>', 'running mean before this batch (default 0)')
      .option('--running-var <list>', 'running variance before this batch (default 1)')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: "y=-1.22,0,1.22", mean=2, var1=0.667, y2.1=0.5')
      .addHelpText('after', examples(
        'dlnotes bn --x "1,2; 2,-1; 4,0.5"',
        'dlnotes bn --x "1; 2; 3" --gamma 2 --beta 0.5 --answer mean=2',
        'dlnotes bn --x "1; 3" --mode test --running-mean 2 --running-var 4',
      ))
      .action(lazy(() => import('./commands/bn')));
  },
  knn: (program) => {
    program
      .command('knn')
      .summary('k-nearest neighbours: every distance, the vote, ties (worked)')
      .description('k-NN classification of one query point with L1 or L2 distance: every distance, the k nearest, the vote and the tie rule (smallest label, as CS231n and sklearn), and why raw pixel distances are a poor similarity.')
      .option('--train <rows>', 'training points, rows separated by ";": "1,2; 3,4; 5,1"')
      .option('--labels <list>', 'one label per training point: 0,1,1 or cat,dog,dog')
      .option('--query <point>', 'the point to classify: 2,3')
      .option('--k <n>', 'number of neighbours', '1')
      .option('--metric <l1|l2>', 'distance: l1 (Manhattan) or l2 (Euclidean)', 'l2')
      .option('--tie <smallest|nearest>', 'vote ties: smallest label (default) or nearest neighbour\'s class')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 1, prediction=cat, d1=2.24')
      .addHelpText('after', examples(
        'dlnotes knn --train "1,1; 2,2; 5,5; 6,5" --labels 0,0,1,1 --query 3,3 --k 3',
        'dlnotes knn --train "0,0; 4,0; 0,3" --labels a,b,b --query 1,1 --k 1 --metric l1 --answer a',
      ))
      .action(lazy(() => import('./commands/knn')));
  },
  iou: (program) => {
    program
      .command('iou')
      .summary('IoU and GIoU of two boxes, as torchvision.ops.box_iou (worked)')
      .description('Intersection, areas, union, IoU and GIoU of two boxes, exactly as torchvision.ops.box_iou / generalized_box_iou compute them (continuous coordinates, width = x2 − x1). --pixel uses the old VOC convention (width = x2 − x1 + 1).')
      .option('--a <box>', 'box A: x1,y1,x2,y2 (or as --format says)')
      .option('--b <box>', 'box B')
      .option('--format <fmt>', 'xyxy (corners), xywh (corner, width, height) or cxcywh (centre, width, height)', 'xyxy')
      .option('--pixel', 'inclusive pixel convention of the old VOC code: width = x2 − x1 + 1')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 0.143, iou=1/7, "intersection=4, union=28", giou=-0.08')
      .addHelpText('after', examples(
        'dlnotes iou --a 0,0,4,4 --b 2,2,6,6',
        'dlnotes iou --a 10,20,40,40 --b 30,30,40,40 --format xywh --answer 0.231',
        'dlnotes iou --a 1,1,5,4 --b 2,2,6,6 --pixel        # the VOC +1 convention',
      ))
      .action(lazy(() => import('./commands/iou')));
  },
  nms: (program) => {
    program
      .command('nms')
      .summary('non-maximum suppression step by step, as torchvision.ops.nms')
      .description('Non-maximum suppression, step by step: boxes sorted by score, each kept box and the boxes it removes (IoU > threshold) with their IoU. The result is exactly torchvision.ops.nms: the kept indices into the input (from 0), in decreasing score order. --per-class --labels is torchvision.ops.batched_nms.')
      .option('--boxes <boxes>', 'boxes x1,y1,x2,y2 separated by ";": "0,0,10,10; 1,1,11,11; 20,20,30,30"')
      .option('--scores <list>', 'one score per box: 0.9,0.8,0.7')
      .option('--iou <t>', 'IoU threshold: boxes with IoU > t with a kept box are removed', '0.5')
      .option('--format <fmt>', 'box format: xyxy, xywh or cxcywh', 'xyxy')
      .option('--per-class', 'per-class NMS (batched_nms): boxes of different classes never suppress each other')
      .option('--labels <list>', 'class label per box, with --per-class: 0,0,1')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: the kept indices 0,2 (any order), count=2')
      .addHelpText('after', examples(
        'dlnotes nms --boxes "0,0,10,10; 1,1,11,11; 20,20,30,30" --scores 0.9,0.8,0.7 --iou 0.5',
        'dlnotes nms --boxes "0,0,10,10; 1,1,11,11; 2,0,12,10" --scores 0.6,0.9,0.8 --answer 1',
        'dlnotes nms --boxes "0,0,10,10; 1,1,11,11" --scores 0.9,0.8 --per-class --labels 0,1',
      ))
      .action(lazy(() => import('./commands/nms')));
  },
  box: (program) => {
    const box = program
      .command('box')
      .summary("box regression targets: encode and decode, as torchvision's BoxCoder")
      .description("Faster R-CNN's box parametrisation, exactly torchvision's BoxCoder: encode a ground-truth box relative to an anchor (tx = (x − xa)/wa, ty = (y − ya)/ha, tw = log(w/wa), th = log(h/ha)), or decode deltas back to a box (tw, th clamped at log(1000/16) before exp). Weights (1,1,1,1) as in the RPN; --weights 10,10,5,5 as in the RoI heads.")
      .addHelpText('after', examples(
        'dlnotes box encode --anchor 0,0,100,100 --gt 10,20,110,140',
        'dlnotes box decode --anchor 0,0,100,100 --t 0.1,0.2,0,0.18',
        'dlnotes box encode --anchor 0,0,100,100 --gt 10,20,110,140 --weights 10,10,5,5 --answer tx=1',
      ));
    for (const [mode, summary] of [['encode', 'the regression target t of a box relative to an anchor'], ['decode', 'the box from an anchor and deltas t']] as const) {
      const cmd = box
        .command(mode)
        .summary(summary)
        .option('--anchor <box>', 'the anchor (or proposal) x1,y1,x2,y2');
      if (mode === 'encode') cmd.option('--gt <box>', 'the ground-truth box x1,y1,x2,y2');
      else cmd.option('--t <deltas>', 'the deltas tx,ty,tw,th');
      cmd
        .option('--weights <wx,wy,ww,wh>', 'BoxCoder weights: 1,1,1,1 (RPN) or 10,10,5,5 (RoI heads)', '1,1,1,1')
        .option('--json', 'print the result as JSON only')
        .option('--answer <answer>', mode === 'encode' ? 'check your answer: 0.1,0.3,0,0.18 (t), tx=0.1, tw=0' : 'check your answer: the box x1,y1,x2,y2, x1=10, w=100')
        .addHelpText('after', examples(mode === 'encode'
          ? 'dlnotes box encode --anchor 0,0,100,100 --gt 10,20,110,140 --answer 0.1,0.3,0,0.1823'
          : 'dlnotes box decode --anchor 0,0,100,100 --t 1,2,0,1.8 --weights 10,10,5,5'))
        .action(lazy(() => import('./commands/box').then((m) => ({ run: (o: never) => m.run(mode, o) }))));
    }
  },
  roi: (program) => {
    program
      .command('roi')
      .summary('RoI Pool and RoI Align on a small feature map, bins and sample points')
      .description('RoI Pool (quantised box and bins, max) and RoI Align (bilinear samples, average) of one box on one channel of a small feature map, exactly as torchvision.ops.roi_pool / roi_align. Shows each bin\'s boundaries and sample points, so the quantisation that RoI Align removes is visible.')
      .option('--mode <mode>', 'pool or align', 'align')
      .option('--feature <rows>', 'the feature map, rows separated by ";": "1,2,3; 4,5,6; 7,8,9"')
      .option('--box <box>', 'the box x1,y1,x2,y2 (image coordinates; × --scale gives feature-map cells)')
      .option('--out <size>', 'output size: 2 or 2x2 (pooled height × width)', '2')
      .option('--scale <s>', 'spatial_scale: feature cells per image pixel, e.g. 1/16', '1')
      .option('--sampling-ratio <n>', 'RoI Align: samples per bin side; ≤ 0 adapts to the bin size (torchvision\'s default −1)', '-1')
      .option('--aligned', 'RoI Align with aligned=True: shift the box by −0.5 (pixel centres at i + 0.5)')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: the output row by row 5,6,8,9, or one bin out_1_2=6 (1-based)')
      .addHelpText('after', examples(
        'dlnotes roi --mode pool --feature "1,2,3,4; 5,6,7,8; 9,10,11,12; 13,14,15,16" --box 0.6,0.6,3.2,3.4 --out 2',
        'dlnotes roi --mode align --feature "1,2,3,4; 5,6,7,8; 9,10,11,12; 13,14,15,16" --box 0.6,0.6,3.2,3.4 --out 2 --sampling-ratio 2',
        'dlnotes roi --mode align --feature "1,2; 3,4" --box 0,0,32,32 --scale 1/16 --out 1 --aligned --answer 2.5',
      ))
      .action(lazy(() => import('./commands/roi')));
  },
  anchors: (program) => {
    program
      .command('anchors')
      .summary('anchors of a feature map and the RPN head: counts, sizes, shapes, parameters')
      .description('Anchors per position and in total for one feature map, their widths and heights (aspect ratio = h/w, as torchvision\'s AnchorGenerator, with its rounded base boxes), the RPN head\'s output shapes (objectness N×A×H×W, deltas N×4A×H×W) and its parameters.')
      .option('--h <n>', 'feature map height (cells)')
      .option('--w <n>', 'feature map width (default: same as --h)')
      .option('--scales <list>', 'anchor sizes in pixels (torchvision\'s sizes)', '128,256,512')
      .option('--sizes <list>', 'same as --scales')
      .option('--ratios <list>', 'aspect ratios h/w', '0.5,1,2')
      .option('--stride <n>', 'image pixels per feature cell', '16')
      .option('--c <n>', 'channels of the feature map, for the RPN head (512: VGG-16; 256: FPN)', '512')
      .option('--batch <n>', 'images per batch N', '1')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 17100 (the total), per_position=9, objectness=9x38x50, params=2382893')
      .addHelpText('after', examples(
        'dlnotes anchors --h 38 --w 50',
        'dlnotes anchors --h 38 --w 50 --scales 128,256,512 --ratios 0.5,1,2 --answer 17100',
        'dlnotes anchors --h 50 --w 68 --scales 32 --ratios 0.5,1,2 --c 256     # one FPN level',
      ))
      .action(lazy(() => import('./commands/anchors')));
  },
  ap: (program) => {
    program
      .command('ap')
      .summary('average precision of a ranked list: VOC07 11-point, VOC12 all-point, COCO 101-point')
      .description('The precision–recall table detection by detection, the interpolated envelope, and AP by the VOC2007 11-point rule, the VOC2010+ all-point area (py-faster-rcnn\'s voc_eval.py) or COCO\'s 101-point rule (pycocotools). Detections are ranked by --scores (or taken in the order given). With --dets and --gts (one image, one class) the boxes are matched first, highest score first: VOC\'s rule (the best object, IoU > t, a duplicate is FP) for voc07/voc12, COCO\'s (the best free object, IoU ≥ t) for coco. With --dets and --gts as files (several images and classes, one object a row: "image class score x1 y1 x2 y2" and "image class x1 y1 x2 y2 [difficult|crowd]", docs/detection-format.md) each detection is matched in its own image and class, AP is computed per class across the images and mAP is their mean.')
      .option('--tp <flags>', 'true (1) or false (0) positive per detection: 1,0,1,1,0')
      .option('--scores <list>', 'a score per detection (they are ranked by it); omit for a list already ranked')
      .option('--gt <n>', 'number of ground-truth objects of the class')
      .option('--method <m>', 'voc07, voc12 or coco', 'voc12')
      .option('--dets <boxes|file>', 'instead of --tp: detection boxes "x1,y1,x2,y2; ..." (with --scores), matched to --gts by the method\'s rule (VOC or COCO); or a file of detections of several images and classes')
      .option('--gts <boxes|file>', 'with --dets: the ground-truth boxes of the class in the image, or a file of them for several images and classes')
      .option('--iou <t>', 'with --dets: the IoU threshold of a match (default 0.5); with files also a range, 0.5:0.05:0.95 (COCO\'s AP@[.5:.95])')
      .option('--class <name>', 'with files: the class whose matching is shown')
      .option('--pixel', 'with --dets: IoU with voc_eval.py\'s +1 pixel convention')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 0.6944, ap=0.69, p3=0.667, r3=0.5, tp=1,0,1')
      .addHelpText('after', examples(
        'dlnotes ap --tp 1,0,1,1,0 --gt 4',
        'dlnotes ap --dets "0,0,10,10; 1,0,11,10; 20,20,30,30" --scores 0.9,0.8,0.7 --gts "0,0,10,10; 20,22,30,32"',
        'dlnotes ap --tp 1,1,0,1 --scores 0.9,0.6,0.8,0.3 --gt 5 --method voc07',
        'dlnotes ap --tp 1,0,1 --gt 3 --method coco --answer 0.5545',
        'dlnotes ap --dets docs/examples/dets.txt --gts docs/examples/gts.txt --method voc07',
      ))
      .action(lazy(() => import('./commands/ap')));
  },
  map: (program) => {
    program
      .command('map')
      .summary('mAP over classes, and COCO\'s AP@[.5:.95] over IoU thresholds')
      .description('Mean average precision: the AP of each class (as dlnotes ap) and their mean. With --ious (each detection\'s IoU with its object) the AP is recomputed at each IoU threshold (COCO: 0.5, 0.55, …, 0.95) and averaged: COCO\'s AP@[.5:.95]. With --aps, just the mean of APs you already have.')
      .option('--tp <rows>', 'TP/FP flags per class, classes separated by ";": "1,0,1; 1,1,0,0"')
      .option('--ious <rows>', 'instead of --tp: each detection\'s IoU with its object, per class: "0.9,0.6,0.3; 0.8"')
      .option('--objects <rows>', 'with --ious: the object (0-based) each detection overlaps (default: a different one each)')
      .option('--scores <rows>', 'scores per class (the detections are ranked by them)')
      .option('--gt <list>', 'ground-truth objects per class: 3,4')
      .option('--names <list>', 'class names: cat,dog')
      .option('--aps <list>', 'APs already computed: 0.5,0.7,0.9')
      .option('--iou-thresholds <list>', 'with --ious: thresholds, 0.5:0.05:0.95 (default) or a list 0.5,0.75')
      .option('--method <m>', 'voc07, voc12 or coco (default: voc12; coco with --ious)')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 0.7, map=0.7, ap_cat=0.83')
      .addHelpText('after', examples(
        'dlnotes map --tp "1,0,1; 1,1,0,0" --gt 3,2 --names cat,dog',
        'dlnotes map --ious 0.92,0.81,0.55,0.4 --gt 4          # COCO AP@[.5:.95]',
        'dlnotes map --aps 0.62,0.71,0.55 --answer 0.6267',
      ))
      .action(lazy(() => import('./commands/map')));
  },
  miou: (program) => {
    program
      .command('miou')
      .summary('per-class IoU and mean IoU from a confusion matrix (segmentation)')
      .description('Semantic segmentation metrics from a confusion matrix (rows: true class, columns: predicted): per-class IoU = TP/(TP + FP + FN), mean IoU, pixel accuracy, mean class accuracy and frequency-weighted IoU.')
      .option('--confusion <rows>', 'the confusion matrix, rows separated by ";": "50,2,3; 4,40,1; 0,5,30"')
      .option('--names <list>', 'class names: background,person,car')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: 0.79, miou=0.79, iou_1=0.8, pixel_accuracy=0.89')
      .addHelpText('after', examples(
        'dlnotes miou --confusion "50,2,3; 4,40,1; 0,5,30"',
        'dlnotes miou --confusion "50,2,3; 4,40,1; 0,5,30" --names background,person,car --answer 0.7953',
      ))
      .action(lazy(() => import('./commands/miou')));
  },
  backprop: (program) => {
    const backprop = program
      .command('backprop')
      .summary('computational graph: forward values, gate-by-gate gradients, drawing (worked)')
      .description('Builds the computational graph of an expression at a point, runs the forward and backward pass gate by gate and shows the graph, a table in topological order, the pattern of each gate in words and every gradient. A variable used twice goes through a copy gate whose gradients add. `backprop matmul` does Y = XW.')
      .argument('[expression]', '+ - * / ^, unary minus, 2x, exp log sqrt sigmoid tanh relu abs sin cos erf max min pow (quote it)')
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
  },
  gradcheck: (program) => {
    program
      .command('gradcheck')
      .summary('gradient check: analytic vs symbolic vs forward/centred differences')
      .description('Compares the backward-pass gradient of an expression with its symbolic derivative and with numerical ones: the notes\' forward difference (f(x+h) − f(x))/h and the centred difference (f(x+h) − f(x−h))/(2h), by relative error |a − n|/max(|a|, |n|), with a verdict, and shows why the centred one is better.')
      .argument('[expression]', 'as for backprop (quote it)')
      .argument('[values...]', 'the point: x=1.5 y=-2')
      .option('--h <h>', 'step of the numerical differences', '1e-5')
      .option('--json', 'print the checks as JSON only')
      .option('--answer <answer>', 'check your numbers: x=3.2, fwd_x=3.2001, relerr_ctr_x=1e-10')
      .option('--digits <n>', 'significant digits shown (default 8)')
      .addHelpText('after', examples(
        'dlnotes gradcheck "x^3 + sin(x)*y" x=1.5 y=-2',
        'dlnotes gradcheck "sigmoid(w*x+b)" w=0.5 x=2 b=-1 --h 1e-4',
        'dlnotes gradcheck "relu(x-1)*y" x=1.000001 y=2      # too close to the kink',
      ))
      .action(lazy(() => import('./commands/gradcheck')));
  },
  gate: (program) => {
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
  },
  optim: (program) => {
    program
      .command('optim')
      .argument('[optimizer]', 'sgd, momentum, rmsprop, adagrad, adam or adamw')
      .summary('optimizer steps: SGD, momentum, RMSProp, AdaGrad, Adam, AdamW (worked)')
      .description('Runs an optimizer on one weight with PyTorch\'s update rules, from a gradient sequence or a function f(w): every step\'s state (v, s, m, m̂, v̂) and w, the rule as the notes and PyTorch write it.')
      .option('--grads <list>', 'the gradient at each step: 0.5,-0.3,0.2')
      .option('--f <expr>', 'a function of w to minimise (w, pi, e, + - * / ^, exp, log, sqrt, sigmoid, tanh, relu, abs, sin, cos, erf, max, min, pow); its derivative is taken symbolically: "w^2 + 3*w"')
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
  },
  lr: (program) => {
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
  },
  bank: (program) => {
    const bank = program
      .command('bank')
      .summary('the question bank: lint, list, show, stats, templates')
      .description('Browse and check the question bank (questions/*.yaml, or your own with --bank DIR; format: docs/bank-format.md).')
      .addHelpText('after', examples(
        'dlnotes bank stats',
        'dlnotes bank list --deck cnn --type formula',
        'dlnotes bank show cnn.params.formula --lang zh',
        'dlnotes bank lint ~/my-bank',
      ));
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
      .option('--type <type>', 'only this type: card, choice, numeric, formula, cloze, generated, diagram')
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
      .argument('<id>', 'question id, e.g. cnn.params.cs231n-760')
      .summary('show one question with its answer and explanation')
      .description('Shows one question rendered (LaTeX as Unicode), with its answer and explanation; a generated question with one sample instance and its worked solution.')
      .option('--seed <n>', 'seed for the sample of a generated question')
      .option('--bank <dir>', 'use this bank instead of the shipped one (repeatable)', collect)
      .option('--lang <lang>', 'zh or en (default: from the locale)')
      .option('--json', 'print the question as JSON')
      .addHelpText('after', examples(
        'dlnotes bank show cnn.params.cs231n-760',
        'dlnotes bank show cnn.params.cs231n-760 --lang zh --json',
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
;
  },
  quiz: (program) => {
    program
      .command('quiz')
      .summary("today's spaced-repetition session: due reviews, then new questions")
      .description('The daily session: due reviews first, then new questions, one at a time, graded at once and scheduled with FSRS. Every answer is saved the moment it is given. In a terminal it is interactive; with piped input each answer is one line (numbers, expressions, choice letters "a" or "a,c", cloze blanks separated by ";"; for cards one line to reveal then a rating 1-4 or again/hard/good/easy). At an answer prompt: :s skip, :b bury until tomorrow, :sus suspend, :u undo the last answer, :h hint, :q quit. With an exam date set (dlnotes config set exam 2027-01-15T09:00), new questions are spread so that all are seen before the last days, every question is reviewed once more in the 3 days before the exam, and --cram asks the questions you are most likely to forget first.')
      .option('--deck <ids>', 'only these decks (comma-separated; -id leaves one out, e.g. -beyond)')
      .option('--tag <tag>', 'only questions with this tag')
      .option('--new <n>', "today's limit of new questions, counting those already introduced today (default: config new_per_day, 20)")
      .option('--limit <n>', 'reviews per day (default: config reviews_per_day, 200)')
      .option('--shuffle', 'mix new questions instead of bank order')
      .option('--cram', 'before the exam (config exam): every question, lowest predicted recall at the exam first')
      .option('--lang <zh|en>', 'language of the questions (default: config lang, else the locale)')
      .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
      .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW), e.g. 2025-03-01T09:30')
      .addHelpText('after', examples(
        'dlnotes quiz',
        'dlnotes quiz --deck cnn --new 5 --lang en',
        'printf "760\\na,c\\n" | dlnotes quiz --bank ./my-bank     # line mode',
        'dlnotes config set exam 2027-01-15T09:00 && dlnotes quiz --cram',
      ))
      .action(lazy(() => import('./commands/quiz')));
  },
  stats: (program) => {
    program
      .command('stats')
      .summary('reviews, due counts, retention, streak, heatmap, your frequent slips')
      .description('Study statistics: reviews today and in total, due today and in the next 7 days, new questions left today, retention (share of reviews rated Hard, Good or Easy) overall and over the last 30 days, the streak, a heatmap of reviews per day, and the classic slips your wrong answers matched most (this week, in 30 days) with the drills that practise them (dlnotes drill --slips).')
      .option('--deck <ids>', 'only these decks (comma-separated; -id leaves one out, e.g. -beyond)')
      .option('--tag <tag>', 'only questions with this tag')
      .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
      .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW)')
      .option('--json', 'print the statistics as JSON only')
      .addHelpText('after', examples('dlnotes stats', 'dlnotes stats --json', 'dlnotes stats --deck cnn'))
      .action(lazy(() => import('./commands/stats')));
  },
  card: (program) => {
    program
      .command('card')
      .summary("one question's scheduling state and review history")
      .description("Shows one question's text and answer (in --lang; a generated one with a sample), its FSRS state (due, stability, difficulty, reps, lapses) and every review of it, and whether its text changed since the last review. Also suspends, unsuspends or unburies it.")
      .argument('<id>', 'question id, e.g. cnn.params.cs231n-760')
      .option('--suspend', 'suspend it (never asked until unsuspended)')
      .option('--unsuspend', 'bring a suspended question (or a leech) back')
      .option('--unbury', 'bring a buried question back today')
      .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
      .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW)')
      .option('--json', 'print as JSON only')
      .addHelpText('after', examples('dlnotes card cnn.params.cs231n-760', 'dlnotes card cnn.params.cs231n-760 --json', 'dlnotes card cnn.params.cs231n-760 --unsuspend'))
      .action(lazy(() => import('./commands/card')));
  },
  config: (program) => {
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
  },
  export: (program) => {
    const exp = program
      .command('export')
      .summary('export the bank for other tools: anki (a file Anki imports)')
      .description('Writes the question bank in another tool\'s format. anki: a text file Anki imports (File > Import): one Basic note per question with the question in both languages, the answer and explanation, LaTeX as MathJax, tags and the deck hierarchy dlnotes::chapter::section.')
      .addHelpText('after', examples('dlnotes export anki --out dlnotes.txt', 'dlnotes export anki --deck cnn --lang en --out cnn.txt'));
    exp
      .command('anki')
      .summary('the bank as a file Anki imports (both languages, MathJax, tags, decks)')
      .description('Writes an Anki text import (Anki 2.1.55 or later; also AnkiDroid and AnkiMobile through a synced collection): tab-separated HTML fields with the #notetype, #deck column, #tags column and #guid column headers, so Anki files each question under dlnotes::<chapter>::<section> and importing again later updates the notes instead of duplicating them. --lang puts that language first; the other follows in grey. A generated question is exported with one fixed set of numbers and its worked solution (dlnotes drill gives fresh ones).')
      .option('--out <file>', 'the file to write, such as dlnotes.txt')
      .option('--deck <ids>', 'only these decks (comma-separated)')
      .option('--tag <tag>', 'only questions with this tag')
      .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
      .addHelpText('after', examples('dlnotes export anki --out dlnotes.txt', 'dlnotes export anki --deck cnn,backprop --lang zh --out cnn.txt'))
      .action(lazy(() => import('./commands/export-anki')));
  },
  optimize: (program) => {
    program
      .command('optimize')
      .summary('fit FSRS to your review log (fsrs-rs, as Anki): before/after report, --apply to use it')
      .description('Fits FSRS\'s 21 parameters to your own review history with fsrs-rs, the optimizer Anki ships, in your time zone with your day start. The report is honest: the fit on your earlier reviews is judged against the defaults on your latest fifth, which it never saw (log loss and RMSE over bins, lower is better). Also recommends a desired retention for your workload (simulated with your answer times) and learning steps. --apply stores the parameters (dlnotes config get w) and recomputes every question\'s memory state from its history; dlnotes config unset w goes back to the defaults. Needs at least 400 reviews made on a later day than the question\'s previous review.')
      .option('--apply', 'store the parameters and recompute every card\'s memory state')
      .option('--reschedule', 'with --apply: also move due dates to what the new parameters give')
      .option('--bank <dir>', 'the bank the retention simulation sizes (repeatable)', collect)
      .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW)')
      .option('--json', 'print the result as JSON only')
      .addHelpText('after', examples(
        'dlnotes optimize',
        'dlnotes optimize --apply',
        'dlnotes optimize --json',
        'dlnotes config unset w          # back to the FSRS defaults',
      ))
      .action(lazy(() => import('./commands/optimize')));
  },
  plan: (program) => {
    program
      .command('plan')
      .summary('exam plan: predicted recall per notes section at the exam, and a day-by-day plan to it')
      .description('Where you stand for the exam and how to get there. The mastery map shows, per notes section (weakest first), the recall FSRS predicts at the exam time from each question\'s stability and last review (never-seen questions count 0), and where the plan takes it. The day-by-day plan spreads the new questions so that all are seen before the last days (a final review of everything falls in the 3 days before the exam), adds the reviews that fall due, and keeps within the hours a day you give; times per review come from your recent answers.')
      .option('--exam <iso>', 'exam date and time, e.g. 2027-01-15T09:00 (default: config exam)')
      .option('--hours-per-day <h>', 'study time a day in hours (default 1)')
      .option('--deck <ids>', 'only these decks (comma-separated)')
      .option('--tag <tag>', 'only questions with this tag')
      .option('--ids <ids>', 'only these questions (comma-separated ids)')
      .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
      .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW)')
      .option('--json', 'print the plan as JSON only')
      .addHelpText('after', examples(
        'dlnotes plan --exam 2027-01-15T09:00',
        'dlnotes plan --exam 2027-01-15T09:00 --hours-per-day 2 --deck cnn,backprop',
        'dlnotes config set exam 2027-01-15T09:00 && dlnotes plan --json',
      ))
      .action(lazy(() => import('./commands/plan')));
  },
  log: (program) => {
    const log = program
      .command('log')
      .summary('the review log: export it (FSRS revlog CSV or JSONL) or merge one in')
      .description('Your review log is portable: export it as the FSRS optimizer\'s revlog CSV (card_id,review_time,review_rating,review_state,review_duration: the question id, milliseconds since 1970 UTC, rating 1-4, state before 0-3, milliseconds taken) or as JSONL with every field (answer, correctness, slips, question hash, undone), and import another machine\'s export: reviews already here are skipped, so importing twice changes nothing and two machines that import each other\'s exports end with the same history.')
      .addHelpText('after', examples(
        'dlnotes log export --out revlog.csv',
        'dlnotes log export --format jsonl --out laptop.jsonl',
        'dlnotes log import desktop.jsonl',
      ));
    log
      .command('export')
      .summary('every review as FSRS revlog CSV (default) or JSONL, to a file or stdout')
      .option('--format <csv|jsonl>', 'csv (FSRS revlog) or jsonl (every field); default from --out, else csv')
      .option('--out <file>', 'write to this file (default: standard output)')
      .option('--deck <ids>', 'only reviews of questions in these decks (comma-separated)')
      .option('--tag <tag>', 'only reviews of questions with this tag')
      .option('--bank <dir>', 'the bank --deck and --tag refer to (repeatable)', collect)
      .addHelpText('after', examples(
        'dlnotes log export --out revlog.csv           # for the FSRS tools and notebooks',
        'dlnotes log export --format jsonl > all.jsonl   # every field',
        'dlnotes log export --deck cnn --out cnn.csv',
      ))
      .action(lazy(() => import('./commands/log/export')));
    log
      .command('import')
      .summary('merge reviews from another machine or an export (all or nothing)')
      .description('Merges a revlog CSV or a JSONL log into this machine\'s: rows already present (same question id and time) are skipped, an undo made on the other machine is carried over, and every touched question\'s state is recomputed by replaying its history in time order. Reviews of questions not in your banks are kept and reported. A malformed row is reported as file:line and nothing is imported.')
      .argument('<file>', 'a .csv (FSRS revlog) or .jsonl file')
      .option('--format <csv|jsonl>', 'the file\'s format (default: from its name, else its first line)')
      .option('--bank <dir>', 'the banks to check the ids against (repeatable)', collect)
      .option('--json', 'print what was imported as JSON only')
      .addHelpText('after', examples(
        'dlnotes log import laptop.jsonl',
        'dlnotes log import ~/Downloads/revlog.csv --json',
      ))
      .action(lazy(() => import('./commands/log/import')));
  },
  db: (program) => {
    program
      .command('db')
      .summary('check the study database, or restore it from a daily backup')
      .description('The study database (dlnotes.db in the data directory; DLNOTES_HOME overrides it). check: SQLite\'s full integrity_check, what the history holds and the backups kept (exit 1 when damaged). restore [BACKUP]: go back to a backup (the newest sound one, or a day like 2025-03-01, or a file name from db check); it first says what it would lose and restores only with --yes, keeping the current file beside it. The first run of each day keeps a backup in backups/ (the last 7).')
      .argument('[action]', 'check (default) or restore')
      .argument('[backup]', 'restore: a day (2025-03-01), a backup file name, or a path')
      .option('--yes', 'restore: do it (without it, only say what it would do)')
      .option('--json', 'check: print the result as JSON')
      .addHelpText('after', examples(
        'dlnotes db check',
        'dlnotes db restore                  # what going back to the newest backup would lose',
        'dlnotes db restore 2025-03-01 --yes',
      ))
      .action(lazy(() => import('./commands/db')));
  },
  summary: (program) => {
    program
      .command('summary [net]')
      .summary('whole network: per-layer shapes, params, MACs, memory, receptive field (zoo or your spec)')
      .description('A whole network layer by layer (output C×H×W, parameters, MACs, activations and fp32 memory, receptive field and jump) with totals. Built-in torchvision networks (--list) or your own YAML spec (docs/spec-format.md).')
      .option('--spec <file>', 'your own network as a YAML spec instead of a built-in one')
      .option('--input <CxHxW>', 'input size, e.g. 3x224x224 (or 224x224, or 224)')
      .option('--batch <n>', 'images per batch, for MACs and memory', '1')
      .option('--levels <n>', 'show rows nested fewer than n levels deep (deeper blocks as one summed row)')
      .option('--wide', 'every column (kind, activations, memory, jump), whatever the terminal width')
      .option('--list', 'list the built-in networks')
      .option('--cs231n', 'vgg16 only: the CS231n per-layer memory/params walkthrough, and its slip')
      .option('--json', 'print the result as JSON only')
      .option('--answer <answer>', 'check your answer: params=138357544, macs=~15.47G (~ marks an estimate), depth=50')
      .addHelpText('after', examples(
        'dlnotes summary --list',
        'dlnotes summary resnet18 --levels 2',
        'dlnotes summary vgg16 --cs231n',
        'dlnotes summary --spec docs/examples/cifar-resnet.yaml --batch 64 --answer macs=867M',
      ))
      .action(lazy(() => import('./commands/summary')));
  },
  diagram: (program) => {
    program
      .command('diagram [name]')
      .summary('architecture diagrams to draw from memory (LSTM, Transformer, ResNet, U-Net…)')
      .description('The diagrams the exam asks you to draw (LSTM, GRU, RNN, Transformer encoder and decoder, ResNet blocks, Inception, Faster/Mask R-CNN, FCN, U-Net): Unicode box drawing with the data flow, the labels in your language, the tensor shapes and what to remember. --svg writes the same diagram for printing. Bank questions of type diagram blank its labels.')
      .option('--list', 'list the diagrams')
      .option('--svg <file>', 'write the diagram as SVG (for printing); - for stdout')
      .option('--json', 'print the diagram (art in the chosen language, labels, shapes, notes) as JSON')
      .addHelpText('after', examples(
        'dlnotes diagram --list',
        'dlnotes diagram lstm',
        'dlnotes diagram transformer-encoder --lang zh',
        'dlnotes diagram unet --svg unet.svg',
      ))
      .action(lazy(() => import('./commands/diagram')));
  },
  net: (program) => {
    program
      .command('net [name]')
      .summary('a classic network: year, key ideas (what it introduced), with figures from the summary')
      .description('What the exam asks about a classic network: year, authors, result and what each introduced (the exam\'s 创新点), with figures computed from the torchvision definitions and the calculators. Classification: AlexNet, VGG, GoogLeNet, ResNet, MobileNetV2. Detection and segmentation: Faster R-CNN, Mask R-CNN, YOLO, SSD, FPN, FCN, U-Net, DeepLab.')
      .option('--list', 'list the classic networks')
      .option('--json', 'print the report as JSON only')
      .addHelpText('after', examples(
        'dlnotes net --list',
        'dlnotes net vgg            # why stacks of 3×3 convs',
        'dlnotes net faster-rcnn --lang zh',
        'dlnotes net resnet50 --json',
      ))
      .action(lazy(() => import('./commands/net')));
;
  },
  exam: (program) => {
    program
      .command('exam')
      .summary('timed mock exam across the chapters: no feedback until the end, then scores per chapter')
      .description('A mock exam: a paper of auto-graded questions (choice, numeric, formula, cloze, generated; self-graded cards are left out) drawn across the chapters in scope, weighted by the notes\' emphasis (sections.yaml), in chapter order. One question at a time with the time left and no feedback; :s skips (skipped questions come back at the end while time remains), :q hands the paper in. At the end (all done, time up, end of input, :q or Ctrl-C): the score overall and per chapter, every question missed with its answer and explanation. Every answer is saved at once and counts as a review (right = Good, wrong = Again); unanswered questions are not reviews. The same --seed (with the same bank and flags) draws the same paper. With --json the questions go to stderr and the result as JSON to stdout.')
      .option('--minutes <n>', 'time limit in minutes (fractions allowed)', '120')
      .option('--questions <n>', 'questions on the paper', '40')
      .option('--deck <ids>', 'only these decks (comma-separated; -id leaves one out, e.g. -beyond)')
      .option('--tag <tag>', 'only questions with this tag')
      .option('--seed <n>', 'draw this paper (default: from the time; shown in the header)')
      .option('--lang <zh|en>', 'language of the questions (default: config lang, else the locale)')
      .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
      .option('--now <iso>', 'stamp the reviews with this time (also DLNOTES_NOW); the time limit runs on the real clock')
      .option('--history', 'list past papers with their scores and a chart of the score over time')
      .option('--json', 'the result (or --history) as JSON on stdout; questions go to stderr')
      .addHelpText('after', examples(
        'dlnotes exam --minutes 30 --questions 10 --deck cnn,backprop',
        'dlnotes exam --seed 4242 --questions 10     # the same paper again',
        'dlnotes exam --history',
      ))
      .action(lazy(() => import('./commands/exam')));
  },
  drill: (program) => {
    program
      .command('drill')
      .argument('[topic]', 'conv, pool, params, rf, backprop, loss, act, optim, lr, bn, knn, rnn, attention, detection, segmentation, or a template id')
      .summary('focused drill: fresh generated problems of one topic, graded at once with the worked solution')
      .description('Fresh generated problems of one topic (rotating through its templates) or of one template, one after another, each graded at once with the correct answer and the worked solution, until -n problems are done or you stop (:q, end of input, Ctrl-C); :s shows the answer and moves on. Each answer counts as a review of the bank question that uses the same template (the first in bank order), when there is one; a wrong answer that matches a classic slip records the slip. With --slips: problems where your most frequent slips of the last 30 days would show. The same --seed asks the same problems.')
      .option('-n, --count <n>', 'number of problems (default 10)')
      .option('--seed <n>', 'ask these problems (default: from the time; shown in the header)')
      .option('--options <k=v,...>', 'template options, e.g. trap=true or classes=4,squared=true (dlnotes bank templates lists them)')
      .option('--list', 'list the topics and their templates')
      .option('--slips', 'draw problems where your most frequent slips (dlnotes stats) would show; a topic narrows them')
      .option('--lang <zh|en>', 'language of the problems (default: config lang, else the locale)')
      .option('--bank <dir>', 'use this question bank instead of the shipped one (repeatable)', collect)
      .option('--now <iso>', 'pretend it is this time (also DLNOTES_NOW), for the reviews')
      .addHelpText('after', examples(
        'dlnotes drill conv -n 10',
        'dlnotes drill conv-output-size --options trap=true --seed 7',
        'dlnotes drill --slips          # practise the slips you make most',
        'dlnotes drill --list',
      ))
      .action(lazy(() => import('./commands/drill')));
  },
};

export function buildProgram(argv: string[] = []): Command {
  const program = new Command('dlnotes');
  program
    .description('Exam drill and calculator for a deep-learning course: worked solutions, answer checks, spaced repetition.')
    .version('0.1.0', '-V, --version')
    .option('--no-color', 'plain output without colours (also NO_COLOR=1)')
    .option('--lang <zh|en>', 'language: zh or en (default: DLNOTES_LANG, config lang, else the locale)')
    .exitOverride()
    // Help fits the terminal: commander wraps its columns, the added text (examples) is wrapped here.
    .configureOutput({
      writeOut: (s) => writeOut(wrapText(s, termWidth())),
      writeErr: (s) => writeErr(wrapText(s, termWidth())),
      getOutHelpWidth: () => termWidth(),
      getErrHelpWidth: () => termWidth(),
      outputError: (str) => writeErr(`dlnotes: ${parserError(str)}\n`),
    })
    .configureHelp({
      sortSubcommands: false,
      // "backprop [expression] [values...]", without "[options]": a narrower first column leaves room to wrap the summaries.
      subcommandTerm: (cmd) => [cmd.name(), ...cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`))].join(' '),
      minWidthToWrap: 30,
      // Chinese summaries count two columns a character, and wrap between characters.
      displayWidth,
      boxWrap: boxWrap,
    });

  const first = argv.slice(2).find((a, i, all) => !a.startsWith('-') && all[i - 1] !== '--lang');
  const names = first !== undefined && first in COMMANDS ? [first] : Object.keys(COMMANDS);
  for (const name of names) COMMANDS[name]!(program);
  // Every command takes --lang (src/render/lang.ts reads it before parsing).
  const addLang = (c: Command): void => {
    if (!c.options.some((o) => o.long === '--lang')) c.option('--lang <zh|en>', 'language of the output (default: DLNOTES_LANG, config lang, else the locale)');
    c.commands.forEach(addLang);
  };
  program.commands.forEach(addLang);
  if (currentLang() === 'zh') localizeHelp(program);
  return program;
}

/**
 * commander's box wrapping, counting CJK as two columns and breaking between
 * CJK characters: continuation lines start where the line did (commander
 * adds the column's padding itself).
 */
function boxWrap(str: string, width: number): string {
  return str.split('\n').flatMap((line) => {
    const lead = /^ */.exec(line)![0];
    return wrapLine(line, width).map((l, i) => (i === 0 ? l : lead + l.trimStart()));
  }).join('\n');
}

/**
 * A zh run: each command's summary is its Chinese line (src/help-zh.ts), and
 * its own help starts with that line above the English description.
 */
function localizeHelp(c: Command, path = ''): void {
  const zh = ZH_SUMMARY[path];
  if (zh !== undefined) {
    if (path !== '') c.summary(zh);
    c.description(`${zh}\n\n${c.description()}`);
  }
  for (const sub of c.commands) localizeHelp(sub, path ? `${path} ${sub.name()}` : sub.name());
}

/**
 * Whether stdout is a terminal, without touching process.stdout (which loads
 * Node's streams): a pipe, a file or /dev/null is answered by fstat alone.
 */
async function stdoutIsTTY(): Promise<boolean> {
  try {
    const fs = builtin('fs');
    const st = fs.fstatSync(1);
    if (!st.isCharacterDevice() || st.rdev === fs.statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  const { isatty } = await import('node:tty');
  return isatty(1);
}

/** A bug, not a mistake of the student's: the stack for the report (the zh text keeps the words "internal error", which tests look for). */
const INTERNAL = msg((stack: string) => `internal error: ${stack}\nPlease report this with the command you ran.`,
  (stack) => `内部错误（internal error）：${stack}\n请报告这个问题，并附上你运行的命令。`);

/** Runs dlnotes with these arguments; resolves to the exit code (bin/dlnotes.js sets it). */
export async function main(argv: string[]): Promise<number> {
  provideCommandFlags(commandFlags);
  const tty = await stdoutIsTTY();
  await setColor(colorWanted(process.env, argv, tty));
  setWidth(widthWanted(tty ? process.stdout.columns : undefined, process.env));
  // The config file is read only when neither --lang nor DLNOTES_LANG decides (and
  // env-paths, which the data directory needs, loads only then).
  const config = langFlag(argv.slice(2)) === undefined && !process.env.DLNOTES_LANG?.trim() ? (await import('./quiz/store/config-lang')).configLang(process.env) : undefined;
  try {
    setLang(langWanted(argv.slice(2), process.env, () => config));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // The language asked for cannot be read: say so in the locale's.
    setLang(localeLang(process.env));
    writeErr(`dlnotes: ${t(e.text)}\n`);
    return 2;
  }
  const program = buildProgram(argv);
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
      writeErr(`dlnotes: ${t(e.text)}\n`);
      return 2;
    }
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
    writeErr(`dlnotes: ${t(INTERNAL((e as Error)?.stack ?? String(e)))}\n`);
    return 70;
  }
}

/**
 * The flags a calculator takes, from its registration (for `dlnotes check`,
 * which refuses homework inputs the calculator does not take): each flag's
 * long name, and for `--no-x` also `x`. Reached through src/registry-access.ts:
 * a command module importing this file would pull the entry point into a
 * shared chunk and slow every start.
 */
function commandFlags(path: string): string[] | undefined {
  const words = path.split(' ');
  const program = buildProgram(['node', 'dlnotes', words[0]!]);
  let cmd: Command | undefined = program;
  for (const w of words) cmd = cmd?.commands.find((c) => c.name() === w);
  if (!cmd) return undefined;
  return cmd.options.flatMap((o) => {
    const long = (o.long ?? '').replace(/^--/, '');
    return o.negate ? [long, long.replace(/^no-/, '')] : [long];
  });
}
