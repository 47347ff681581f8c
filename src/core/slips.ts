/**
 * Classic slips: the mistakes most wrong answers in this course come from
 * (the +1 left out of the output-size formula, the bias forgotten, MACs and
 * FLOPs swapped). Each calculator's core module declares the slips of its
 * quantities next to its formula, as `SlipDef`s: a function that recomputes
 * the quantity with that mistake from the same inputs, and a sentence that
 * shows the slipped line next to the right one. Grading a wrong answer
 * (core/check.ts) tries them; a match names the slip.
 *
 * The ids and their short names live in SLIP_CATALOGUE below, one place, so
 * that `dlnotes stats` can name the slips in a student's record and point to
 * the drill topics where they show without loading every calculator. The
 * generators declare the slips their problems can name (what
 * `dlnotes drill --slips` draws from); a test keeps each entry's topics equal
 * to the topics of the generators that declare it.
 */
import { bi, type Bi } from './text';

export interface SlipInfo {
  /** A short name for lists ("forgot the bias"). */
  name: Bi;
  /**
   * Drill topics (`dlnotes drill <topic>`) with a template that declares this
   * slip (empty until one does; test/unit/slips-generators.test.ts checks it).
   */
  topics: readonly string[];
}

export const SLIP_CATALOGUE = {
  // Conv and pool sizes
  'forgot-plus-one': { name: bi('left out the "+1" of the output-size formula', '输出尺寸公式漏了“+1”'), topics: ['conv', 'pool'] },
  'padding-once': { name: bi('added P instead of 2P', '填充只加了一次（P 而不是 2P）'), topics: ['conv', 'pool'] },
  'forgot-padding': { name: bi('left out the padding', '忘了填充'), topics: ['conv', 'pool'] },
  'ceil-instead-of-floor': { name: bi('rounded up instead of down', '向上取整而不是向下取整'), topics: ['conv', 'pool'] },
  'floor-instead-of-ceil': { name: bi('rounded down although ceil_mode=True', 'ceil_mode=True 时仍向下取整'), topics: ['pool'] },
  'ceil-kept-padding-window': { name: bi('kept a ceil_mode window that starts in the padding', 'ceil_mode 下保留了从填充区开始的窗口'), topics: ['pool'] },
  'forgot-dilation': { name: bi('used F instead of the dilated span d(F−1)+1', '用了 F 而不是膨胀后的 d(F−1)+1'), topics: [] },
  'transpose-as-conv': { name: bi('used the conv formula for a transposed conv', '转置卷积用了普通卷积的公式'), topics: [] },
  'forgot-output-padding': { name: bi('left out output_padding', '漏了 output_padding'), topics: [] },
  'forgot-stride': { name: bi('did not divide by the stride', '没有除以步幅'), topics: ['conv', 'pool'] },
  // Parameters and cost
  'forgot-bias': { name: bi('forgot the bias', '忘了偏置'), topics: ['attention', 'params', 'rnn'] },
  'forgot-input-channels': { name: bi('left out the input channels (F·F·K + K)', '漏了输入通道数（F·F·K + K）'), topics: ['conv', 'params'] },
  'bias-per-weight': { name: bi('counted one bias per weight', '每个权重都算了一个偏置'), topics: ['params'] },
  'fc-bias-per-input': { name: bi('counted one bias per input instead of per output', '按输入个数而不是输出个数算了偏置'), topics: [] },
  'bn-buffers-as-params': { name: bi('counted running_mean and running_var as parameters', '把 running_mean 和 running_var 算成了参数'), topics: [] },
  'groups-ignored': { name: bi('ignored the groups', '忽略了分组'), topics: ['params'] },
  'macs-input-size': { name: bi("used the input size H·W instead of the output size H'·W'", "用了输入尺寸 H·W 而不是输出尺寸 H'·W'"), topics: ['conv'] },
  'flops-vs-macs': { name: bi('mixed up MACs and FLOPs (a factor of 2)', '混淆了 MACs 和 FLOPs（差 2 倍）'), topics: ['attention', 'conv'] },
  'forgot-batch': { name: bi('forgot the batch size', '忘了乘批大小'), topics: [] },
  'bits-vs-bytes': { name: bi('mixed up bits and bytes (a factor of 8)', '混淆了比特和字节（差 8 倍）'), topics: ['attention', 'conv'] },
  'values-not-bytes': { name: bi('counted values, not bytes (fp32 is 4 bytes each)', '算的是数值个数而不是字节数（fp32 每个 4 字节）'), topics: ['conv'] },
  'mb-vs-mib': { name: bi('mixed up decimal and binary units (MB = 10⁶ B, MiB = 2²⁰ B)', '混淆了十进制和二进制单位（MB = 10⁶ B，MiB = 2²⁰ B）'), topics: ['conv'] },
  'double-bias-rnn': { name: bi('counted two bias vectors per gate (PyTorch) where one was asked', '按 PyTorch 算了两组偏置，而题目只要一组'), topics: ['rnn'] },
  'single-bias-rnn': { name: bi('counted one bias vector per gate; PyTorch keeps b_ih and b_hh', '只算了一组偏置；PyTorch 有 b_ih 和 b_hh 两组'), topics: ['rnn'] },
  'lstm-three-gates': { name: bi('counted 3 blocks for an LSTM instead of 4 (i, f, g, o)', 'LSTM 只算了 3 组而不是 4 组（i, f, g, o）'), topics: ['rnn'] },
  // Sequence models (core/rnn.ts, core/rnn-step.ts, core/bptt.ts, core/attention.ts, core/sdpa.ts)
  'gru-four-gates': { name: bi('counted 4 blocks for a GRU instead of 3 (r, z, n)', 'GRU 算了 4 组而不是 3 组（r, z, n）'), topics: ['rnn'] },
  'rnn-forgot-hh': { name: bi('left out the recurrent weights W_hh', '漏了循环权重 W_hh'), topics: ['rnn'] },
  'rnn-one-direction': { name: bi('counted one direction of a bidirectional RNN', '双向 RNN 只算了一个方向'), topics: ['rnn'] },
  'rnn-upper-layer-input': { name: bi('gave upper RNN layers the input size D instead of H·directions', '上层 RNN 的输入按 D 而不是 H·方向数计算'), topics: ['rnn'] },
  'rnn-one-step': { name: bi('counted one time step instead of the whole sequence', '只算了一个时间步而不是整个序列'), topics: [] },
  'lstm-gate-order': { name: bi("read PyTorch's LSTM rows in CS231n's order i, f, o, g (PyTorch: i, f, g, o)", '按 CS231n 的 i, f, o, g 顺序读了 PyTorch 的 LSTM 权重（PyTorch 是 i, f, g, o）'), topics: ['rnn'] },
  'lstm-h-without-tanh': { name: bi('took h_t = o_t ⊙ c_t, without the tanh', '把 h_t 算成 o_t ⊙ c_t，漏了 tanh'), topics: ['rnn'] },
  'lstm-forgot-forget': { name: bi('left out f_t ⊙ c_{t−1} in the cell update', '记忆单元更新漏了 f_t ⊙ c_{t−1}'), topics: ['rnn'] },
  'gru-update-swapped': { name: bi('swapped z and 1 − z in the GRU update (PyTorch: h = (1 − z) ⊙ n + z ⊙ h)', 'GRU 更新中把 z 和 1 − z 弄反了（PyTorch：h = (1 − z) ⊙ n + z ⊙ h）'), topics: ['rnn'] },
  'bptt-forgot-tanh-grad': { name: bi("left out tanh′ = 1 − h_t² from the BPTT product", 'BPTT 连乘中漏了 tanh′ = 1 − h_t²'), topics: ['rnn'] },
  'bptt-one-minus-h': { name: bi('used 1 − h_t instead of 1 − h_t² as the tanh derivative', '把 tanh 的导数写成 1 − h_t 而不是 1 − h_t²'), topics: ['rnn'] },
  'mha-per-head-full': { name: bi('gave every head its own d×d projections', '给每个头都配了完整的 d×d 投影'), topics: ['attention'] },
  'mha-forgot-out-proj': { name: bi('left out the output projection W_O', '漏了输出投影 W_O'), topics: ['attention'] },
  'attention-no-scaling': { name: bi('forgot to divide the scores by √d_k', '忘了把分数除以 √d_k'), topics: ['attention'] },
  'attention-scale-by-dk': { name: bi('divided the scores by d_k instead of √d_k', '分数除以 d_k 而不是 √d_k'), topics: ['attention'] },
  'attention-no-causal-mask': { name: bi('forgot the causal mask (a position saw later ones)', '忘了因果掩码（看到了后面的位置）'), topics: ['attention'] },
  'softmax-wrong-axis': { name: bi('normalised the softmax down the columns instead of along each row', 'softmax 按列而不是按行归一化'), topics: ['attention'] },
  'attention-one-head': { name: bi('counted one head where all heads were asked', '只算了一个头，而题目问的是所有头'), topics: ['attention'] },
  'attention-n-vs-d': { name: bi('swapped n and d in the cost (n·d² vs n²·d)', '计算量中把 n 和 d 弄反了（n·d² 与 n²·d）'), topics: ['attention'] },
  // Receptive field
  'rf-ignored-strides': { name: bi('ignored the strides: 1 + Σ(k − 1)', '忽略了步幅：1 + Σ(k − 1)'), topics: ['rf'] },
  'rf-sum-of-kernels': { name: bi('added the kernel sizes (Σk)', '把卷积核大小直接相加（Σk）'), topics: ['params', 'rf'] },
  'rf-product-of-kernels': { name: bi('multiplied the kernel sizes', '把卷积核大小相乘'), topics: ['params', 'rf'] },
  'rf-times-channels': { name: bi('multiplied the receptive field by the channels', '感受野乘了通道数'), topics: [] },
  // Losses and numerics
  'log10-instead-of-ln': { name: bi('used log base 10 instead of ln', '用了以 10 为底的对数而不是 ln'), topics: ['loss'] },
  'svm-counted-correct-class': { name: bi('summed the j = y term too (adds Δ)', '把 j = y 的项也加上了（多了 Δ）'), topics: ['loss'] },
  'svm-mean-over-classes': { name: bi('divided the SVM loss by the number of classes', 'SVM 损失除以了类别数'), topics: ['loss'] },
  'svm-no-max': { name: bi('summed the margins without max(0, ·)', '没有取 max(0, ·) 就把间隔相加'), topics: ['loss'] },
  'softmax-without-minus': { name: bi('dropped the minus sign of −log', '漏了 −log 的负号'), topics: ['loss'] },
  'loss-sum-not-mean': { name: bi('summed the per-sample losses instead of averaging', '把各样本的损失相加而没有取平均'), topics: [] },
  'kl-reversed': { name: bi('computed D_KL(Q‖P) instead of D_KL(P‖Q)', '算成了 D_KL(Q‖P) 而不是 D_KL(P‖Q)'), topics: [] },
  'forgot-regularization': { name: bi('left out the regularization term', '漏了正则化项'), topics: [] },
  'forgot-lambda': { name: bi('left out λ in λR(W)', 'λR(W) 漏了 λ'), topics: [] },
  'l1-vs-l2': { name: bi('mixed up L1 (Σ|W|) and L2 (ΣW²)', '混淆了 L1（Σ|W|）和 L2（ΣW²）'), topics: [] },
  'l2-gradient-no-2': { name: bi('took λW as the gradient of λ‖W‖² (it is 2λW)', '把 λ‖W‖² 的梯度算成 λW（应为 2λW）'), topics: [] },
  'biased-running-var': { name: bi('updated the running variance with the biased batch variance', '用有偏的批方差更新了 running_var'), topics: ['bn'] },
  'unbiased-batch-var': { name: bi('normalised with the unbiased batch variance', '归一化时用了无偏的批方差'), topics: ['bn'] },
  'bn-momentum-reversed': { name: bi("weighted the old running value by BatchNorm's momentum (it weights the new batch)", '把 BatchNorm 的 momentum 当成了旧值的权重（它是新批的权重）'), topics: ['bn'] },
  'bn-test-uses-batch-stats': { name: bi('normalised with the batch statistics in eval mode', '测试（eval）模式下仍用了批统计量'), topics: [] },
  'forgot-epsilon': { name: bi('left out ε', '漏了 ε'), topics: [] },
  'adam-no-bias-correction': { name: bi("skipped Adam's bias correction", 'Adam 没做偏差修正'), topics: ['optim'] },
  'adamw-as-l2': { name: bi('added the weight decay to the gradient (Adam + L2), not decoupled as AdamW', '把权重衰减加进了梯度（Adam + L2），而不是 AdamW 的解耦形式'), topics: ['optim'] },
  'momentum-sign': { name: bi('got the sign of the momentum step wrong', '动量更新的符号错了'), topics: ['optim'] },
  'momentum-ema': { name: bi('used v = ρv + (1 − ρ)∇L; the notes and PyTorch use v = ρv + ∇L', '用了 v = ρv + (1 − ρ)∇L；笔记和 PyTorch 用 v = ρv + ∇L'), topics: ['optim'] },
  'update-sign': { name: bi('stepped along the gradient (w + η∇L) instead of against it', '沿梯度方向（w + η∇L）而不是反方向更新'), topics: ['optim'] },
  'rmsprop-without-sqrt': { name: bi('divided by s instead of √s', '除以 s 而不是 √s'), topics: ['optim'] },
  // Gradient checking
  'centred-over-h': { name: bi('divided the centred difference by h instead of 2h', '中心差分除以了 h 而不是 2h'), topics: [] },
  'relerr-absolute': { name: bi('gave the absolute error |a − n| for the relative error', '把绝对误差 |a − n| 当成了相对误差'), topics: [] },
  // Learning-rate schedules
  'lr-epoch-off-by-one': { name: bi('counted the epochs from 1 (the value one epoch early)', 'epoch 从 1 开始数（取了早一个 epoch 的值）'), topics: ['lr'] },
  'warmup-clock-not-restarted': { name: bi('did not restart the schedule at t − N after the warm-up', '预热后没有从 t − N 重新计时'), topics: ['lr'] },
  'cosine-forgot-min': { name: bi('left out η_min of cosine annealing', '余弦退火漏了 η_min'), topics: ['lr'] },
  'step-gamma-once': { name: bi('applied γ once although several milestones had passed', '过了多个里程碑却只乘了一次 γ'), topics: ['lr'] },
  // k-nearest neighbours
  'l2-without-sqrt': { name: bi('left out the square root of the L2 distance', 'L2 距离漏了开平方'), topics: [] },
  'knn-wrong-metric': { name: bi('used the other distance (L1 for L2 or L2 for L1)', '用错了距离（L1 与 L2 混淆）'), topics: ['knn'] },
  'knn-nearest-only': { name: bi('took the nearest neighbour\'s class instead of the vote of the k nearest', '只取了最近邻的类别，而不是 k 个近邻投票'), topics: ['knn'] },
  // Activations
  'act-grad-of-x': { name: bi("put x into the derivative formula instead of the activation's value", '把 x 代进了导数公式，而不是激活值'), topics: ['act'] },
  'negative-side-as-relu': { name: bi("took the negative side as ReLU's (0)", '把负半轴当成了 ReLU（0）'), topics: ['act'] },
  'gelu-grad-cdf-only': { name: bi("took Φ(x) as GELU's derivative (forgot the product rule)", '把 Φ(x) 当成了 GELU 的导数（忘了乘积法则）'), topics: ['act'] },
  // Backpropagation
  'mul-gate-no-swap': { name: bi("gave a mul gate's input its own value instead of the other input's", '乘法门的梯度用了自己的值，而不是另一个输入的值'), topics: ['backprop'] },
  'max-gate-to-all': { name: bi('sent the max gate\'s gradient to every input, not only the max', 'max 门的梯度传给了所有输入，而不只是最大的那个'), topics: ['backprop'] },
  'matmul-transpose': { name: bi('left out or misplaced a transpose (dL/dX = dL/dY·Wᵀ, dL/dW = Xᵀ·dL/dY)', '漏了或放错了转置（dL/dX = dL/dY·Wᵀ，dL/dW = Xᵀ·dL/dY）'), topics: ['backprop'] },
  'copy-gate-no-sum': { name: bi('took one branch of a copy instead of summing the gradients', '复制（分支）节点只取了一路梯度，没有把各路相加'), topics: ['backprop'] },
  'iou-pixel-convention': { name: bi('used the old +1 pixel convention', '用了旧的像素 +1 约定'), topics: ['detection'] },
  'nms-unsorted': { name: bi('ran NMS without sorting by score first', 'NMS 前没有按分数排序'), topics: ['detection'] },
  // Detection and segmentation (src/core/vision)
  'iou-union-not-subtracted': { name: bi('did not subtract the intersection from the union', '并集没有减去交集'), topics: ['detection', 'segmentation'] },
  'iou-over-one-box': { name: bi("divided the intersection by one box's area", '用交集除以了一个框的面积'), topics: ['detection'] },
  'box-format-confused': { name: bi('read xywh boxes as xyxy (or the other way round)', '把 xywh 格式的框当成 xyxy（或反过来）'), topics: ['detection'] },
  'nms-removed-box-suppresses': { name: bi('let a removed box suppress other boxes', '让已被删除的框继续抑制别的框'), topics: ['detection'] },
  'nms-threshold-inclusive': { name: bi('suppressed IoU equal to the threshold (torchvision: only greater)', 'IoU 等于阈值也删除了（torchvision 只删除大于阈值的）'), topics: ['detection'] },
  'nms-across-classes': { name: bi('let boxes of different classes suppress each other', '让不同类别的框互相抑制'), topics: [] },
  'index-from-one': { name: bi('counted indices from 1 (torchvision counts from 0)', '下标从 1 开始数（torchvision 从 0 开始）'), topics: ['detection'] },
  'box-delta-not-normalised': { name: bi("did not divide the offset by the anchor's width or height", '偏移没有除以锚框的宽或高'), topics: ['detection'] },
  'box-log-missing': { name: bi('used w/wa instead of log(w/wa)', '用了 w/wa 而不是 log(w/wa)'), topics: ['detection'] },
  'box-corner-offset': { name: bi('offset the corners instead of the centres', '用角点而不是中心点算偏移'), topics: ['detection'] },
  'box-weights-ignored': { name: bi('left out the box coder weights (10, 10, 5, 5)', '漏了框编码的权重（10, 10, 5, 5）'), topics: ['detection'] },
  'box-exp-missing': { name: bi('used tw·wa instead of exp(tw)·wa', '用了 tw·wa 而不是 exp(tw)·wa'), topics: [] },
  'roi-align-offset': { name: bi('mixed up aligned=True and False (the half-pixel shift)', '混淆了 aligned=True 和 False（半个像素的平移）'), topics: ['detection'] },
  'roi-scale-forgotten': { name: bi('used image coordinates on the feature map (forgot the spatial scale)', '在特征图上用了原图坐标（忘了 spatial_scale）'), topics: [] },
  'roi-max-not-average': { name: bi('took the max of the samples; RoI Align averages them', '对采样点取了最大值；RoI Align 取平均'), topics: ['detection'] },
  'anchors-forgot-positions': { name: bi('counted the anchors of one position only', '只算了一个位置的锚框数'), topics: ['detection'] },
  'anchors-positions-only': { name: bi('counted the positions of the feature map, not the anchors', '只数了特征图的位置数，没有乘每个位置的锚框数'), topics: ['detection'] },
  'anchors-scales-plus-ratios': { name: bi('added scales and ratios instead of multiplying', '把尺度数和长宽比数相加而不是相乘'), topics: ['detection'] },
  'rpn-two-scores': { name: bi("counted 2 objectness scores per anchor (the paper's softmax; torchvision has 1)", '每个锚框算了 2 个目标分数（论文的 softmax；torchvision 只有 1 个）'), topics: ['detection'] },
  'ap-no-interpolation': { name: bi('took the area under the raw precision curve, without the envelope', '直接用原始精确率曲线求面积，没有取包络'), topics: ['detection'] },
  'ap-voc07-vs-all-point': { name: bi("mixed up VOC2007's 11 points and the all-point area", '混淆了 VOC2007 的 11 点法和全点面积法'), topics: ['detection'] },
  'ap-duplicate-tp': { name: bi('counted a second detection of the same object as TP', '把同一物体的第二个检测也算成了 TP'), topics: ['detection'] },
  'ap-match-rule': { name: bi("matched detections by the other evaluation code's rule (VOC: best object or FP; COCO: best free object)", '用了另一套评测代码的匹配规则（VOC：最佳物体否则 FP；COCO：最佳空闲物体）'), topics: ['detection'] },
  'ap-missed-gt': { name: bi('divided by the objects found, not by all ground-truth objects', '召回率除以找到的物体数，而不是全部真实物体数'), topics: ['detection'] },
  'map-pooled-classes': { name: bi('ranked all classes as one list instead of averaging the per-class APs', '把所有类别放在一个列表里排序，而不是对各类别的 AP 取平均'), topics: ['detection'] },
  'ap-difficult-counted': { name: bi("counted VOC's difficult objects (they are left out of the recall and ignored when matched)", '把 VOC 的 difficult 物体也算进去了（它们不计入召回率，匹配到也忽略）'), topics: ['detection'] },
  'miou-pixel-accuracy': { name: bi('gave the pixel accuracy instead of the mean IoU', '给出了像素准确率而不是 mIoU'), topics: ['segmentation'] },
  'miou-dice': { name: bi('computed Dice (2TP/(2TP+FP+FN)) instead of IoU', '算成了 Dice（2TP/(2TP+FP+FN)）而不是 IoU'), topics: ['segmentation'] },
} as const satisfies Record<string, SlipInfo>;

export type SlipId = keyof typeof SLIP_CATALOGUE;

/** The catalogue entry of a slip id stored in a review log (unknown ids from newer versions give undefined). */
export function slipInfo(id: string): SlipInfo | undefined {
  return (SLIP_CATALOGUE as Record<string, SlipInfo>)[id];
}

// The mechanism (SlipDef, slipValues, ...) lives apart so that a calculator's
// bundle does not carry this catalogue's text: see core/slip-defs.ts.
export { adaptSlips, differs, lazySlips, slipValues, type SlipDef, type SlipValue } from './slip-defs';
