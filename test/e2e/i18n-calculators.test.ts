/**
 * Every calculator speaks the student's language: each command, run with
 * typical flags through the built binary with --lang zh, leaves no English
 * sentence (test/helpers/english.ts), and with --lang en prints no Chinese.
 * Key phrases pin the meaning in both languages. Bad input is one line
 * starting "dlnotes: ", exit 2, in both languages.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli';
import { englishLeft, hasCjk, squash } from '../helpers/english';

interface Case {
  args: string[];
  /** Phrases the English output must contain (its meaning, pinned). */
  en?: string[];
  /** Phrases the Chinese output must contain. */
  zh?: string[];
  /** English words this case may keep in zh (names that happen to be words). */
  allow?: string[];
}

interface Run { code: number; stdout: string; stderr: string }

/** Spawns the built binary without blocking, so the runs of a file share the cores. */
function run(args: string[], lang: 'zh' | 'en'): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--lang', lang], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', COLUMNS: '80', LANG: 'C', LC_ALL: '', DLNOTES_LANG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const CASES: Case[] = [
  {
    args: ['conv', '--h', '32', '--c', '3', '--k', '10', '--f', '5', '--p', '2'],
    en: ['Output height', "H' = (H − F_H + 2P)/S + 1", 'parameters = 750 + 10 = 760', 'One multiply-accumulate per weight'],
    zh: ['输出高度', '参数量 = 750 + 10 = 760', '步幅 1，填充 2', '输出显存'],
  },
  { args: ['conv', '--h', '10', '--f', '3', '--s', '2'], en: ['4.5 is not an integer', 'The last row of the padded input is never covered'], zh: ['4.5 不是整数', 'PyTorch 向下取整'] },
  { args: ['conv', '--h', '7', '--c', '64', '--k', '64', '--f', '3', '--s', '2', '--p', '1', '--transpose', '--output-padding', '1'], zh: ['转置卷积'] },
  { args: ['conv', '--h', '32', '--w', '24', '--c', '32', '--k', '32', '--f', '3', '--groups', '32', '--p', 'same', '--d', '2', '--batch', '8'], zh: ['深度可分离', '膨胀率'] },
  { args: ['pool', '--h', '224', '--f', '2', '--c', '64'], en: ['channels unchanged'], zh: ['通道数不变'] },
  { args: ['pool', '--h', '5', '--f', '2', '--s', '2', '--ceil'], zh: ['ceil_mode 向上取整'] },
  { args: ['pool', '--h', '7', '--f', '2', '--s', '2'], en: ['The last row never falls in a window.'], zh: ['最后 1 行不落在任何窗口里'] },
  { args: ['pool', '--h', '8', '--f', '3', '--s', '2'] },
  { args: ['pool', '--h', '6', '--w', '8', '--f', '3', '--s', '2', '--p', '1', '--type', 'avg'], zh: ['count_include_pad=True'] },
  { args: ['pool', '--h', '5', '--f', '2', '--s', '2', '--p', '1', '--ceil'], zh: ['PyTorch 把它丢掉'] },
  { args: ['pool', '--h', '9', '--f', '3', '--s', '2', '--d', '2'] },
  { args: ['params', 'conv', '--f', '5', '--c', '3', '--k', '10'], zh: ['Conv2d 参数量', 'fp32 大小'] },
  { args: ['params', 'conv', '--f', '3', '--c', '32', '--k', '32', '--groups', '32', '--no-bias'] },
  { args: ['params', 'fc', '--in', '25088', '--out', '4096'], zh: ['全连接层'] },
  // One of a thing is singular in English (1 filter, 1 input channel, 1 epoch, the nearest).
  { args: ['params', 'conv', '--f', '3', '--c', '1', '--k', '1'], en: ['Given: 1 filter of 3×3, 1 input channel.'], zh: ['1 个 3×3 的滤波器'] },
  { args: ['conv', '--h', '5', '--c', '1', '--k', '1', '--f', '1'], en: ['1 filter of 1×1×1'] },
  { args: ['lr', 'constant', '--total', '1'], en: ['1 epoch (t = 0…1)'] },
  { args: ['knn', '--train', '1,1; 3,3', '--labels', '0,1', '--query', '1,1', '--k', '1'], en: ['The nearest\n'] },
  { args: ['params', 'fc', '--in', '10', '--out', '3', '--no-bias'] },
  { args: ['params', 'bn', '--c', '64'], zh: ['缓冲区'] },
  { args: ['params', 'bn', '--c', '64', '--no-affine'] },
  { args: ['params', 'stack', '--n', '3', '--f', '3', '--c', '64'], en: ['27C² vs 49C²: the stack has 44.9% fewer weights'], zh: ['27C² vs 49C²：堆叠的权重少 44.9%'] },
  { args: ['params', 'separable', '--f', '3', '--c', '32', '--k', '64'], zh: ['深度可分离卷积 vs 标准卷积'] },
  { args: ['rf', '--layers', 'conv k=3 s=1 p=1; maxpool k=2 s=2; conv k=3 d=2', '--input', '32'], en: ['receptive field 12'], zh: ['感受野 12'] },
  { args: ['rf', '--layers', 'conv k=3; conv k=3; conv k=3'] },
  { args: ['rf', '--layers', 'conv k=3x5 s=1x2 p=1; relu; conv k=1; gap; fc out=10', '--input', '32x40'], en: ['Along the width'], zh: ['沿宽度方向', '看到整个输入'] },
  { args: ['rf', '--spec', 'docs/examples/mini-inception.yaml'] },
  { args: ['loss', 'svm', '--scores', '3.2,5.1,-1.7; 1.3,4.9,2.0; 2.2,2.5,-3.1', '--labels', '0,1,2'], en: ['Mean over the batch'], zh: ['多类 SVM（合页）损失', '对批求平均'] },
  { args: ['loss', 'svm', '--scores', '3.2,5.1,-1.7', '--label', '0', '--questions'], en: ['Q5: summing over all classes'], zh: ['Q5：对所有类别求和'] },
  { args: ['loss', 'svm', '--scores', '3.2,5.1,-1.7', '--label', '0', '--squared', '--delta', '2'] },
  { args: ['loss', 'svm', '--scores', '3.2,5.1,-1.7', '--label', '0', '--reg', 'l2', '--lambda', '0.1', '--weights', '0.2,-0.5; 1.5,1.3'], zh: ['正则化（L2）'] },
  { args: ['loss', 'softmax', '--scores', '3.2,5.1,-1.7', '--label', '0'], zh: ['Softmax（交叉熵）损失'] },
  { args: ['loss', 'softmax', '--scores', '300,100,200; 1,2,3', '--labels', '0,2'], zh: ['直接算 e^s 会溢出'] },
  { args: ['loss', 'kl', '--p', '0.2,0.8', '--q', '0.5,0.5'], zh: ['KL 散度'] },
  { args: ['loss', 'ce', '--p', '1,0,0; 0,1,0', '--q', '0.7,0.2,0.1; 0.1,0.8,0.1'] },
  { args: ['loss', 'kl', '--p', '0.5,0.5', '--q', '1,0'], zh: ['散度为无穷大'] },
  { args: ['loss', 'reg', '--reg', 'l1', '--lambda', '0.1', '--weights', '0.2,-0.5; 1.5,0', '--data-loss', '2'] },
  { args: ['loss', '--init-check', '--classes', '10'], zh: ['初始化时的损失'] },
  { args: ['loss', 'svm', '--init-check', '--classes', '10', '--squared'] },
  { args: ['act', 'sigmoid', '--x', '1'], en: ['Pros and cons (the notes)'], zh: ['优缺点（笔记）', 'Sigmoid 在 x = 1 处'] },
  { args: ['act', 'relu', '--x', '0'], en: ['x = 0 is a kink'], zh: ['x = 0 是折点'] },
  { args: ['act', 'leaky-relu', '--x', '-2'] },
  { args: ['act', 'prelu', '--x', '-1'], zh: ['α 是可学习的'] },
  { args: ['act', 'elu', '--x', '-1'] },
  { args: ['act', 'selu', '--x', '0'] },
  { args: ['act', 'gelu', '--x', '1'] },
  { args: ['act', 'gelu', '--x', '1', '--approx', 'tanh'], zh: ['GELU（tanh 近似）'] },
  { args: ['act', 'tanh', '--x', '0.5'] },
  { args: ['act', 'maxout', '--x', '1,2', '--w1', '0.5,-1', '--w2', '1,0.5', '--b2', '-1'] },
  { args: ['act', 'maxout', '--x', '1', '--w1', '1', '--w2', '1'], zh: ['两项相等'] },
  { args: ['act', 'all'], en: ['zero-centred', 'dead neurons'], zh: ['以 0 为中心', '神经元死亡'] },
  { args: ['act', 'relu,sigmoid', '--x', '1'] },
  { args: ['act', 'relu,gelu', '--plot'], zh: ['x 从 -4 到 4'] },
  { args: ['act', 'tanh', '--plot', '--x', '0.5', '--range', '-2,2'] },
  { args: ['optim', 'sgd', '--grads', '0.5,-0.3', '--lr', '0.1', '--weight-decay', '0.01', '--w0', '1'], zh: ['耦合的 L2 正则化'] },
  // momentum is PyTorch's name of ρ (torch.optim.SGD(momentum=...)).
  { args: ['optim', 'momentum', '--rho', '0.9', '--lr', '0.1', '--grads', '1,1,1'], allow: ['momentum'], en: ['Update rule (the notes)'], zh: ['更新规则（笔记）', '第 3 步'] },
  { args: ['optim', 'rmsprop', '--grads', '0.5,-0.3,0.2'], zh: ['没有偏差修正'] },
  { args: ['optim', 'adagrad', '--grads', '1,1,1,1,1,1,1'], zh: ['每一步的值都在表中'] },
  { args: ['optim', 'adam', '--grads', '0.5,-0.3,0.2', '--lr', '0.1', '--weight-decay', '0.1', '--w0', '1'] },
  { args: ['optim', 'adamw', '--grads', '0.5', '--lr', '0.1', '--w0', '1'], zh: ['先衰减（PyTorch）', '（相同）'] },
  { args: ['optim', 'sgd', '--f', 'w^2 + 3*w', '--w0', '5', '--steps', '3'] },
  { args: ['optim', 'sgd', '--f', 'w^2', '--w0', '5', '--lr', '1.5', '--steps', '100'], en: ['the run diverged'], zh: ['发散了'] },
  { args: ['optim', '--compare', 'sgd,momentum,adam', '--f', 'w^2 + 3*w', '--w0', '5', '--lr', '0.1', '--steps', '30'], allow: ['momentum'], zh: ['比较：', '每一步的 w'] },
  { args: ['optim', '--compare', 'sgd,adam', '--grads', '1,2', '--plot'] },
  { args: ['optim', 'adam', '--f', 'w^2', '--w0', '1', '--steps', '10', '--plot'] },
  { args: ['lr', 'step', '--lr', '0.1', '--milestones', '30,60,90', '--gamma', '0.1', '--at', '65'], en: ["ResNet's schedule"], zh: ['ResNet 的调度', 't = 65 时的 lr：0.001'] },
  { args: ['lr', 'step', '--milestones', '5,8,20', '--total', '10'], zh: ['在这张表里不会达到'] },
  // total is the flag --total in T_max = total.
  { args: ['lr', 'cosine', '--lr', '0.1', '--total', '100', '--at', '50'], allow: ['total'], en: ['0.05·(1 + 0)'], zh: ['0.05·(1 + 0)', '余弦退火'] },
  { args: ['lr', 'cosine', '--lr', '0.1', '--min', '0.001', '--total', '20', '--warmup', '5'], allow: ['total'], zh: ['预热'] },
  { args: ['lr', 'linear', '--total', '10', '--warmup', '2', '--at', '5'], allow: ['total'] },
  { args: ['lr', 'inverse-sqrt', '--total', '10', '--at', '0'] },
  { args: ['lr', 'inverse-sqrt', '--total', '10', '--warmup', '4', '--at', '6'] },
  { args: ['lr', 'constant', '--total', '900'], en: ['(every 5th epoch shown'], zh: ['每隔 5 个 epoch 显示一次'] },
  { args: ['lr', 'cosine', '--total', '30', '--plot'], allow: ['total'] },
  { args: ['lr', 'step', '--milestones', '2', '--total', '6', '--warmup', '2', '--at', '5'] },
  // momentum is BatchNorm's argument name (running_mean ← (1 − momentum)·running_mean + ...).
  { args: ['bn', '--x', '1,2; 2,-1; 4,0.5'], allow: ['momentum'], en: ['Running statistics'], zh: ['滑动统计量', '特征 2'] },
  { args: ['bn', '--x', '1; 2; 3', '--gamma', '2', '--beta', '0.5'], allow: ['momentum'] },
  { args: ['bn', '--x', '1; 3', '--mode', 'test', '--running-mean', '2', '--running-var', '4'], zh: ['测试/推理模式'] },
  { args: ['knn', '--train', '1,1; 2,2; 5,5; 6,5', '--labels', '0,0,1,1', '--query', '3,3', '--k', '3'], zh: ['投票', '预测：0'] },
  { args: ['knn', '--train', '0,0; 2,0; 0,2; 4,4', '--labels', 'a,b,a,b', '--query', '1,1', '--k', '2', '--metric', 'l1'], en: ['as close as the 2nd neighbour'], zh: ['与第 2 个近邻一样近'] },
  { args: ['knn', '--train', '0,0; 2,0; 0,2; 4,4', '--labels', 'a,b,a,b', '--query', '1,1', '--k', '2', '--tie', 'nearest'] },
  { args: ['backprop', '(x+y)*z', 'x=-2', 'y=5', 'z=-4'], en: ['Table in topological order'], zh: ['按拓扑顺序排列的表', '乘法门交换'] },
  { args: ['backprop', 'f = (x+y)*z', 'x=3', 'y=-1', 'z=2'], en: ['∂f/∂x = 2, ∂f/∂y = 2, ∂f/∂z = 2'], zh: ['∂f/∂x = 2, ∂f/∂y = 2, ∂f/∂z = 2'] },
  { args: ['backprop', '1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w=[2,-3,-3]', 'x=[-1,-2]'] },
  { args: ['backprop', 'max(x,y)*z', 'x=2', 'y=2', 'z=3'], zh: ['处于折点'] },
  { args: ['backprop', 'x*x + relu(y) - 2/x', 'x=3', 'y=0'], zh: ['这一次使用'] },
  // Graphviz DOT: node is its keyword.
  { args: ['backprop', 'max(x,y)*z', 'x=1', 'y=2', 'z=3', '--dot'], allow: ['node'], zh: ['（绿色：前向值，红色：梯度）'] },
  { args: ['backprop', 'matmul', '--x', '[[1,2],[3,4]]', '--w', '[[1,0,2],[0,1,-1]]', '--dy', '[[1,1,1],[0,1,2]]'], zh: ['与 X 的形状相同'] },
  { args: ['backprop', 'matmul', '--x', '[[1,2,3,4],[1,2,3,4],[1,2,3,4],[1,2,3,4]]', '--w', '[[1,2,3,4],[1,2,3,4],[1,2,3,4],[1,2,3,4]]'], zh: ['都是同样的求和'] },
  { args: ['gradcheck', 'x^3 + sin(x)*y', 'x=1.5', 'y=-2'], en: ['Why the centred difference is better'], zh: ['为什么中心差分更好'] },
  { args: ['gradcheck', 'relu(x-1)*y', 'x=1.000001', 'y=2'], zh: ['跨过了折点'] },
  { args: ['gradcheck', 'sigmoid(w*x+b) + max(w, b)', 'w=0.5', 'x=2', 'b=-1', '--h', '1e-4'] },
  { args: ['gate', 'mul', '--inputs', '3,-4', '--upstream', '2'], zh: ['mul 门：前向与反向'] },
  { args: ['gate', 'add', '--inputs', '3,-4'] },
  { args: ['gate', 'max', '--inputs', '4,4', '--upstream', '5'] },
  { args: ['gate', 'min', '--inputs', '4,1,7'] },
  { args: ['gate', 'copy', '--inputs', '3', '--upstream', '2,-1'] },
  { args: ['summary', '--list'], zh: ['名称', '与 torchvision 的定义一致'] },
  { args: ['summary', 'resnet18', '--levels', '2'], en: ['Totals for 1 image of 3×224×224'], zh: ['合计（1 张 3×224×224 的图像）', '感受野'] },
  // features and classifier are torchvision's names of AlexNet's two parts.
  { args: ['summary', 'alexnet'], allow: ['features'] },
  { args: ['summary', 'vgg16', '--cs231n'], zh: ['每一行都对，错的是合计'] },
  { args: ['summary', 'googlenet', '--levels', '1'] },
  { args: ['summary', '--spec', 'docs/examples/cifar-resnet.yaml', '--batch', '4', '--levels', '2'], zh: ['一批 4 张'] },
  { args: ['summary', '--spec', 'docs/examples/mini-inception.yaml'] },
  { args: ['net', '--list'], zh: ['年份'] },
  { args: ['net', 'alexnet'], zh: ['创新点', '数据增强'] },
  { args: ['net', 'vgg'], zh: ['为什么堆叠 3×3 卷积'] },
  { args: ['net', 'googlenet'], zh: ['1×1 瓶颈'] },
  { args: ['net', 'resnet'], en: ['The degradation problem'], zh: ['退化问题', '残差连接'] },
  { args: ['net', 'mobilenet'], zh: ['倒残差'] },
  // Verdicts and, for a wrong answer, the worked solution after them.
  { args: ['conv', '--h', '32', '--c', '3', '--k', '10', '--f', '5', '--p', '2', '--answer', 'params=750'], en: ['✗ parameters: you said 750, the answer is 760'], zh: ['参数量：你的答案 750，正确答案 760'] },
  { args: ['summary', 'vgg16', '--answer', 'params=138357544'] },
  { args: ['lr', 'cosine', '--total', '100', '--at', '25', '--answer', '0.0854'] },
  { args: ['loss', 'softmax', '--scores', '1,2', '--label', '0', '--answer', '0.5'], en: ['the answer is 1.313'] },
];

const ERRORS: string[][] = [
  ['conv', '--h', 'abc', '--f', '3'],
  ['conv', '--f', '3'],
  ['conv', '--h', '32'],
  ['conv', '--h', '3', '--f', '5'],
  ['conv', '--h', '32', '--f', '3', '--s', '0'],
  ['conv', '--h', '32', '--f', '3', '--groups', '2'],
  ['conv', '--h', '32', '--f', '3', '--c', '3', '--k', '4', '--groups', '2'],
  ['conv', '--h', '32', '--f', '3', '--s', '2', '--p', 'same'],
  ['conv', '--h', '32', '--f', '3', '--output-padding', '1'],
  ['conv', '--h', '32', '--f', '3', '--answer', 'four'],
  ['conv', '--h', '32', '--f', '3', '--answer', 'sise=4'],
  ['pool', '--h', '32'],
  ['pool', '--h', '32', '--f', '2', '--p', '2'],
  ['pool', '--h', '32', '--f', '2', '--type', 'min'],
  ['pool', '--h', '32', '--f', '2', '--type', 'avg', '--d', '2'],
  ['params', 'conv', '--c', '3', '--k', '4'],
  ['params', 'conv', '--f', '3', '--k', '4'],
  ['params', 'lstm'],
  ['params', 'fc', '--in', '0', '--out', '3'],
  ['rf'],
  ['rf', '--layers', 'conv k=3', '--spec', 'x.yaml'],
  ['rf', '--layers', 'conv q=3'],
  ['rf', '--layers', 'lstm k=3'],
  ['rf', '--layers', 'conv k=3 s'],
  ['rf', '--layers', 'conv'],
  ['rf', '--spec', 'nope.yaml'],
  ['rf', '--spec', 'test/fixtures/specs/bad-key.yaml'],
  ['rf', '--layers', 'conv k=3', '--input', '0x3'],
  ['loss'],
  ['loss', 'hinge'],
  ['loss', 'svm', '--label', '0'],
  ['loss', 'svm', '--scores', '1,2,3', '--label', '5'],
  ['loss', 'svm', '--scores', '1,2,3; 4,5', '--labels', '0,1'],
  ['loss', 'svm', '--scores', '1,2,3', '--labels', '0,1'],
  ['loss', 'svm', '--scores', '1', '--label', '0'],
  ['loss', 'softmax', '--scores', '1,2', '--label', '0', '--delta', '2'],
  ['loss', 'kl', '--p', '0.5,0.6', '--q', '0.5,0.5'],
  ['loss', 'kl', '--p', '0.5,0.5'],
  ['loss', 'reg', '--reg', 'l3'],
  ['loss', 'reg', '--reg', 'l2'],
  ['loss', '--init-check'],
  ['loss', 'svm', '--scores', 'a,b', '--label', '0'],
  ['act'],
  ['act', 'swish'],
  ['act', 'relu', '--alpha', '0.1'],
  ['act', 'maxout', '--x', '1'],
  ['act', 'maxout', '--x', '1,2', '--w1', '1', '--w2', '1,2'],
  ['act', 'relu', '--plot', '--range', '4,-4'],
  ['act', 'relu,gelu', '--answer', '1'],
  ['optim'],
  ['optim', 'lion', '--grads', '1'],
  ['optim', 'sgd'],
  ['optim', 'sgd', '--grads', '1', '--lr', '0'],
  ['optim', 'adam', '--grads', '1', '--beta1', '1'],
  ['optim', 'sgd', '--grads', '1', '--rho', '0.9'],
  ['optim', 'sgd', '--f', 'w^', '--steps', '3'],
  ['optim', 'sgd', '--f', 'x^2'],
  ['optim', 'sgd', '--grads', '1', '--f', 'w^2'],
  ['lr'],
  ['lr', 'exp'],
  ['lr', 'cosine', '--milestones', '3'],
  ['lr', 'cosine', '--total', '10', '--warmup', '10'],
  ['lr', 'step', '--milestones', '30,20'],
  ['lr', 'cosine', '--total', '10', '--at', '11'],
  ['lr', 'cosine', '--total', '10', '--answer', '0.1'],
  ['lr', 'cosine', '--min', '1'],
  ['bn'],
  ['bn', '--x', '1,2,3'],
  ['bn', '--x', '1; 2', '--gamma', '1,2'],
  ['bn', '--x', '1,2; 3'],
  ['bn', '--x', '1; 2', '--mode', 'test', '--momentum', '0.2'],
  ['knn', '--labels', '0'],
  ['knn', '--train', '1,1; 2,2', '--labels', '0', '--query', '1,1'],
  ['knn', '--train', '1,1; 2,2', '--labels', '0,1', '--query', '1,1', '--k', '3'],
  ['knn', '--train', '1,1; 2,2', '--labels', '0,1', '--query', '1'],
  ['backprop'],
  ['backprop', '(x+y', 'x=1', 'y=2'],
  ['backprop', 'foo(x)', 'x=1'],
  ['backprop', 'x*y', 'x=1'],
  ['backprop', 'x*y', 'x=1', 'y=2', 'z=3'],
  ['backprop', 'log(x)', 'x=0'],
  ['backprop', 'x/y', 'x=1', 'y=0'],
  ['backprop', 'x*y', 'x=1', 'y'],
  ['backprop', 'matmul', '--x', '[[1,2]]', '--w', '[[1,2]]'],
  ['backprop', 'matmul', '--x', '[[1,2]]'],
  ['gradcheck', 'sqrt(x)', 'x=-1'],
  ['gate'],
  ['gate', 'xor', '--inputs', '1,2'],
  ['gate', 'add', '--inputs', '1,2,3'],
  ['gate', 'copy', '--inputs', '3'],
  ['summary'],
  ['summary', 'lenet'],
  ['summary', 'resnet18', '--input', 'abc'],
  ['summary', 'resnet18', '--cs231n'],
  ['summary', '--spec', 'test/fixtures/specs/bad-key.yaml'],
  ['summary', 'alexnet', '--input', '3x32x32'],
  ['net'],
  ['net', 'lenet'],
  // Homework files (the report itself is the study side's test).
  ['check', 'test/fixtures/homework/two-calculators.yaml'],
  ['check', 'nope.yaml'],
];

describe('calculators in Chinese (--lang zh) and English (--lang en)', () => {
  it.concurrent.each(CASES.map((c) => [c.args.join(' '), c] as const))('%s', async (_, c) => {
    const [zh, en] = await Promise.all([run(c.args, 'zh'), run(c.args, 'en')]);
    expect(zh.stderr).toBe('');
    expect(en.stderr).toBe('');
    expect(zh.code).toBe(en.code);
    expect(englishLeft(zh.stdout, c.allow)).toEqual([]);
    expect(hasCjk(en.stdout)).toBe(false);
    // Prose is wrapped to 80 columns: compare without whitespace.
    for (const p of c.en ?? []) expect(squash(en.stdout)).toContain(squash(p));
    for (const p of c.zh ?? []) expect(squash(zh.stdout)).toContain(squash(p));
  }, 120_000);
});

describe('bad input: one line, exit 2, in both languages', () => {
  it.concurrent.each(ERRORS.map((a) => [a.join(' '), a] as const))('%s', async (_, args) => {
    const [zh, en] = await Promise.all([run(args, 'zh'), run(args, 'en')]);
    for (const r of [zh, en]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^dlnotes: /);
    }
    // A bad expression adds the expression and a caret under the column.
    const lines = (r: Run) => r.stderr.trimEnd().split('\n').filter((l) => !/^ {2}/.test(l));
    expect(lines(zh)).toHaveLength(1);
    expect(lines(en)).toHaveLength(1);
    expect(englishLeft(zh.stderr)).toEqual([]);
    expect(hasCjk(en.stderr)).toBe(false);
  }, 120_000);
});

describe('a homework file with several mistakes: each on its own line, in both languages', () => {
  it('check test/fixtures/homework/malformed.yaml', async () => {
    const args = ['check', 'test/fixtures/homework/malformed.yaml'];
    const [zh, en] = await Promise.all([run(args, 'zh'), run(args, 'en')]);
    for (const r of [zh, en]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      for (const l of lines) expect(l).toMatch(/^dlnotes: test\/fixtures\/homework\/malformed\.yaml:\d+:\d+: /);
    }
    expect(englishLeft(zh.stderr)).toEqual([]);
    expect(hasCjk(en.stderr)).toBe(false);
    expect(zh.stderr).toContain('没有叫 "lstm" 的计算器');
    expect(en.stderr).toContain('unknown calculator "lstm"');
  }, 120_000);
});
