/**
 * What the exam asks about the classic detection and segmentation networks
 * ("语义分割、目标检测、实例分割对应的经典网络结构和创新点"): when, by whom,
 * for which task, and what each introduced. Facts about the papers are
 * written here, in both languages; every figure is computed by the
 * calculators' core functions (anchors, RPN head, RoI Pool/Align, box
 * coder, output sizes) or from the zoo's summaries.
 */
import { fmtInt, fmtNum, fmtSI } from '../format';
import { convParams } from '../params';
import { convOutSize, convTransposeOutSize, effectiveKernel, poolOutSize } from '../size';
import { bi, msg, type Bi, type Text } from '../text';
import { anchors, rpnHead } from '../vision/anchors';
import { backbone } from '../vision/backbone';
import { encodeBox } from '../vision/box-coder';
import { roi } from '../vision/roi';
import type { Figures } from './figures';

export interface VisionIdea {
  title: Bi;
  text: Bi;
}

export interface VisionNet {
  /** The name `dlnotes net` takes: faster-rcnn, yolo, ... */
  key: string;
  title: Text;
  aliases: string[];
  year: number;
  authors: string;
  paper: string;
  task: Bi;
  result: Bi;
  /** Zoo models of this family (dlnotes summary), if any. */
  models: string[];
  /** Calculators that work through its arithmetic. */
  tryIt: string[];
  ideas: (f: Figures) => VisionIdea[];
}

const TASK = {
  twoStage: bi('object detection, two-stage', '目标检测（两阶段）'),
  oneStage: bi('object detection, single-stage', '目标检测（单阶段）'),
  instance: bi('instance segmentation', '实例分割'),
  semantic: bi('semantic segmentation', '语义分割'),
  features: bi('multi-scale features for detection and segmentation', '用于检测与分割的多尺度特征'),
};

const t3 = (xs: readonly number[]): string => xs.map((x) => fmtNum(x, 3)).join(', ');

/** U-Net's parameters: double 3×3 convs per level, 2×2 up-convs, a 1×1 head (1 input channel, 2 classes, as the paper). */
export function unetParams(inChannels = 1, classes = 2, widths: readonly number[] = [64, 128, 256, 512, 1024]): number {
  const double = (c: number, k: number) => convParams({ fh: 3, fw: 3, c, k, groups: 1, bias: true }).params + convParams({ fh: 3, fw: 3, c: k, k, groups: 1, bias: true }).params;
  let total = 0;
  let c = inChannels;
  for (const w of widths) {
    total += double(c, w);
    c = w;
  }
  for (let i = widths.length - 1; i > 0; i--) {
    const half = widths[i - 1]!;
    // A 2×2 up-conv (C → C/2, with bias), then the double conv on the concatenation (C/2 + skip C/2 = C).
    total += widths[i]! * half * 4 + half;
    total += double(widths[i]!, half);
  }
  return total + convParams({ fh: 1, fw: 1, c: widths[0]!, k: classes, groups: 1, bias: true }).params;
}

/** The paper's U-Net sizes: unpadded 3×3 convs, 2×2 pools, 2×2 up-convs (572 → 388). */
export function unetSizes(input = 572): { bottom: number; output: number } {
  const conv = (n: number) => convOutSize({ n, k: 3, s: 1, p: 0, d: 1 }).out;
  let n = input;
  const skips: number[] = [];
  for (let level = 0; level < 4; level++) {
    n = conv(conv(n));
    skips.push(n);
    n = poolOutSize({ n, k: 2, s: 2, p: 0, d: 1, ceil: false }).out;
  }
  n = conv(conv(n));
  const bottom = n;
  for (let level = 0; level < 4; level++) n = conv(conv(convTransposeOutSize({ n, k: 2, s: 2, p: 0, d: 1, outputPadding: 0 })));
  return { bottom, output: n };
}

/** SSD300's default boxes: feature maps and boxes per location (Liu et al., Table 1 setting). */
export const SSD300 = { maps: [38, 19, 10, 5, 3, 1], boxes: [4, 6, 6, 6, 4, 4] };

export function ssdDefaultBoxes(maps = SSD300.maps, boxes = SSD300.boxes): number {
  return maps.reduce((t, m, i) => t + m * m * boxes[i]!, 0);
}

/** FPN's level for a RoI of w×h: k = ⌊4 + log2(√(wh)/224)⌋, clamped to 2…5. */
export function fpnLevel(w: number, h: number): number {
  return Math.min(5, Math.max(2, Math.floor(4 + Math.log2(Math.sqrt(w * h) / 224))));
}

const IDEA = {
  rpn: bi('Region Proposal Network (RPN)', '区域候选网络（RPN）'),
  rpnText: bi('Proposals come from a small network on the shared conv features instead of selective search (about 2 s per image on a CPU): nearly free, and trained with the detector. With VGG-16 the whole system runs at about 5 fps.',
    '候选框由共享卷积特征上的一个小网络产生，取代选择性搜索（CPU 上每张图约 2 秒）：几乎不增加计算，并与检测器一起训练。VGG-16 骨干时整个系统约 5 帧/秒。'),
  anchors: bi('Anchors', '锚框（anchor）'),
  anchorsText: msg((a: number, positions: string, total: string) => `At every position, k = 3 scales (128, 256, 512) × 3 aspect ratios (1:2, 1:1, 2:1) = ${a} anchors. A 60×40 map (a 1000×600 image at stride 16) has ${positions} positions and ${total} anchors; the same anchors everywhere make the proposals translation-invariant.`,
    (a, positions, total) => `每个位置放 k = 3 种尺度（128、256、512）× 3 种长宽比（1:2、1:1、2:1）= ${a} 个锚框。60×40 的特征图（1000×600 的图、步幅 16）有 ${positions} 个位置、${total} 个锚框；处处相同的锚框使候选具有平移不变性。`),
  head: bi('The RPN head', 'RPN 头'),
  headText: msg((params: string) => `A 3×3 conv, then two sibling 1×1 convs: 2k objectness scores (softmax; torchvision uses k logits with a sigmoid) and 4k box deltas. On VGG-16's 512 channels that is ${params} parameters (torchvision's RPNHead).`,
    (params) => `一个 3×3 卷积，再接两个并列的 1×1 卷积：2k 个目标分数（softmax；torchvision 用 k 个 logit 加 sigmoid）和 4k 个框偏移量。在 VGG-16 的 512 通道上共 ${params} 个参数（torchvision 的 RPNHead）。`),
  coder: bi('Box regression relative to the anchor', '相对锚框的边界框回归'),
  coderText: msg((t: string) => `tx = (x − xa)/wa, ty = (y − ya)/ha, tw = log(w/wa), th = log(h/ha), with a smooth L1 loss: offsets in units of the anchor, sizes as log ratios. Anchor (0, 0, 100, 100) to box (10, 20, 110, 140): t = (${t}).`,
    (t) => `tx = (x − xa)/wa，ty = (y − ya)/ha，tw = log(w/wa)，th = log(h/ha)，用 smooth L1 损失：偏移以锚框大小为单位，尺寸取对数比。锚框 (0, 0, 100, 100) 到框 (10, 20, 110, 140)：t = (${t})。`),
  twoStage: bi('Two stages, four losses', '两阶段，四个损失'),
  twoStageText: bi('Stage one: backbone + RPN, NMS at IoU 0.7 keeps about 2,000 proposals for training and 300 at test. Stage two (Fast R-CNN): RoI pooling of each proposal to 7×7, then class scores (K + 1) and per-class box refinement. RPN classification and regression plus detector classification and regression are trained jointly.',
    '第一阶段：骨干 + RPN，按 IoU 0.7 做 NMS，训练时保留约 2000 个候选，测试时 300 个。第二阶段（Fast R-CNN）：把每个候选 RoI 池化到 7×7，再输出 K + 1 类分数和按类别的框精修。RPN 的分类、回归与检测头的分类、回归四个损失联合训练。'),
  maskBranch: bi('A mask branch in parallel', '并行的掩码分支'),
  maskBranchText: msg((values: string) => `Faster R-CNN plus a small FCN on each RoI that predicts K binary m×m masks (m = 28), one per class, alongside classification and box regression: for COCO's 80 classes ${values} numbers per RoI.`,
    (values) => `在 Faster R-CNN 上为每个 RoI 加一个小 FCN，与分类、框回归并行地预测 K 个 m×m（m = 28）的二值掩码，每类一个：COCO 的 80 类每个 RoI 输出 ${values} 个数。`),
  roiAlign: bi('RoIAlign', 'RoIAlign'),
  roiAlignText: msg((pool: string, align: string) => `RoI pooling rounds the box and the bins to whole cells; RoIAlign samples at the exact positions with bilinear interpolation and averages. On a 4×4 map of 1…16 with the box (0.6, 0.6, 3.2, 3.4) to 2×2: RoI Pool gives ${pool}, RoI Align ${align}. The alignment matters for pixel-accurate masks (10–50% relative better mask AP in the paper).`,
    (pool, align) => `RoI 池化把框和 bin 取整到整格；RoIAlign 在精确位置用双线性插值采样后取平均。在 1…16 的 4×4 特征图上，框 (0.6, 0.6, 3.2, 3.4) 输出 2×2：RoI Pool 得 ${pool}，RoI Align 得 ${align}。对齐对像素级的掩码很重要（论文中掩码 AP 相对提高 10%–50%）。`),
  decoupled: bi('Masks decoupled from classes', '掩码与类别解耦'),
  decoupledText: bi('A per-pixel sigmoid with binary cross-entropy, computed only on the mask of the ground-truth class: classes do not compete (a per-pixel softmax over classes does clearly worse). L = L_cls + L_box + L_mask.',
    '逐像素 sigmoid + 二元交叉熵，只在真实类别那张掩码上计算：类别之间不竞争（逐像素对类别做 softmax 明显更差）。L = L_cls + L_box + L_mask。'),
  general: bi('A general framework', '通用框架'),
  generalText: bi('With small changes the same model detects human keypoints (one mask per keypoint). It runs at about 5 fps and won the ICCV 2017 best paper award.',
    '稍加修改即可做人体关键点检测（每个关键点一张掩码）。约 5 帧/秒，获 ICCV 2017 最佳论文奖。'),
  regression: bi('Detection as one regression', '把检测当作一次回归'),
  regressionText: msg((s: number, b: number, c: number, per: number, total: string, boxes: number) => `The image (448×448) is divided into an S×S grid (S = ${s}); each cell predicts B = ${b} boxes (x, y, w, h, confidence) and C = ${c} class probabilities: ${s}·${s}·(5·${b} + ${c}) = ${s}·${s}·${per} = ${total} numbers from one forward pass, at most ${boxes} boxes.`,
    (s, b, c, per, total, boxes) => `图像（448×448）划分成 S×S 网格（S = ${s}）；每格预测 B = ${b} 个框（x, y, w, h, 置信度）和 C = ${c} 个类别概率：一次前向得到 ${s}·${s}·(5·${b} + ${c}) = ${s}·${s}·${per} = ${total} 个数，最多 ${boxes} 个框。`),
  grid: bi('The cell that holds the centre is responsible', '物体中心所在的格子负责预测'),
  gridText: bi('Confidence = Pr(object)·IoU(predicted, true). Each cell has one set of class probabilities, so it detects one class; small objects in groups (birds in a flock) are missed.',
    '置信度 = Pr(object)·IoU(预测框, 真实框)。每格只有一组类别概率，只能检测一类；成群的小物体（如鸟群）容易漏检。'),
  fast: bi('Fast, with global context', '快，且看到全局'),
  fastText: bi('45 fps (Fast YOLO 155 fps) at 63.4 mAP on VOC 2007; it sees the whole image, so it mistakes background for objects less often than Fast R-CNN, but localises less precisely.',
    'VOC 2007 上 63.4 mAP、45 帧/秒（Fast YOLO 155 帧/秒）；它看到整张图，把背景误认为物体的情况比 Fast R-CNN 少，但定位不如它精确。'),
  yoloLoss: bi('A sum-squared loss, reweighted', '加权的平方和损失'),
  yoloLossText: bi('λ_coord = 5 for the box terms, λ_noobj = 0.5 for cells without objects, and √w, √h instead of w, h so that the same error counts more on a small box.',
    '框坐标项乘 λ_coord = 5，无物体格子的置信度项乘 λ_noobj = 0.5，并用 √w、√h 代替 w、h，使同样的误差在小框上分量更重。'),
  multiScale: bi('Predictions from several feature maps', '多个特征图上同时预测'),
  multiScaleText: msg((maps: string, boxes: string, total: string) => `SSD300 predicts from maps of ${maps} cells per side with ${boxes} default boxes per location: ${total} default boxes. Large early maps catch small objects, small late maps large ones.`,
    (maps, boxes, total) => `SSD300 在边长为 ${maps} 的特征图上预测，每个位置分别有 ${boxes} 个默认框：共 ${total} 个默认框。前面的大特征图检测小物体，后面的小特征图检测大物体。`),
  defaultBoxes: bi('Default boxes of several scales and ratios', '多尺度、多长宽比的默认框'),
  defaultBoxesText: bi('Scales s_k spread evenly from 0.2 to 0.9 of the image over the maps, aspect ratios {1, 2, 3, 1/2, 1/3} plus one more of ratio 1 at √(s_k·s_{k+1}); like Faster R-CNN\'s anchors, but on every level.',
    '尺度 s_k 在各特征图上从图像的 0.2 均匀增加到 0.9，长宽比 {1, 2, 3, 1/2, 1/3}，再加一个尺度为 √(s_k·s_{k+1})、长宽比为 1 的框；类似 Faster R-CNN 的锚框，但每一层都有。'),
  singleShot: bi('Single shot', '单次前向（single shot）'),
  singleShotText: bi('3×3 conv predictors output C + 1 class scores and 4 offsets for every default box: no proposal stage. SSD300 reached 74.3 mAP on VOC 2007 at 59 fps, more accurate than YOLO and faster than Faster R-CNN.',
    '3×3 卷积预测器为每个默认框输出 C + 1 个类别分数和 4 个偏移：没有候选阶段。SSD300 在 VOC 2007 上 74.3 mAP、59 帧/秒，比 YOLO 准、比 Faster R-CNN 快。'),
  matching: bi('Matching and hard negatives', '匹配与难负例挖掘'),
  matchingText: bi('A default box is positive when its IoU with a ground-truth box exceeds 0.5; most boxes are background, so only the hardest negatives are kept, at most 3 per positive. Heavy data augmentation matters for small objects.',
    '默认框与真实框的 IoU 超过 0.5 即为正例；绝大多数框是背景，所以只保留最难的负例，负:正最多 3:1。大量数据增强对小物体很重要。'),
  pyramid: bi('Top-down pathway with lateral connections', '自顶向下通路与横向连接'),
  pyramidText: bi('The coarsest map is upsampled ×2 (nearest neighbour) and added to a 1×1 conv of the backbone map of the same size (C5 → P5, then P4, P3, P2), each sum smoothed by a 3×3 conv: every level gets strong semantics at its own resolution, all with 256 channels.',
    '最粗的特征图 ×2 上采样（最近邻）后，与骨干网络同尺寸特征图经 1×1 卷积的结果相加（C5 → P5，再 P4、P3、P2），每次相加后用 3×3 卷积平滑：每一层都在自己的分辨率上具有强语义，通道数都是 256。'),
  fpnAnchors: bi('One anchor size per level', '每层一种锚框尺寸'),
  fpnAnchorsText: msg((positions: string, total: string, params: string) => `Anchors of 32, 64, 128, 256 and 512 pixels on P2–P6 (strides 4–64), 3 ratios each. For an 800×800 image that is ${positions} positions and ${total} anchors; one RPN head (256 channels, 3 anchors) is shared by all levels: ${params} parameters.`,
    (positions, total, params) => `P2–P6（步幅 4–64）上分别用 32、64、128、256、512 像素的锚框，每层 3 种长宽比。800×800 的图共 ${positions} 个位置、${total} 个锚框；所有层共用一个 RPN 头（256 通道、3 个锚框）：${params} 个参数。`),
  fpnLevel: bi('RoIs go to the level of their size', 'RoI 按大小分配到对应层'),
  fpnLevelText: msg((small: number, big: number) => `A RoI of w×h is pooled from P_k with k = ⌊4 + log2(√(wh)/224)⌋: a 224×224 RoI from P4, a 112×112 one from P${small}, a 448×448 one from P${big}.`,
    (small, big) => `w×h 的 RoI 从 P_k 上池化，k = ⌊4 + log2(√(wh)/224)⌋：224×224 的 RoI 用 P4，112×112 的用 P${small}，448×448 的用 P${big}。`),
  fpnWhy: bi('Cheaper than an image pyramid', '比图像金字塔便宜'),
  fpnWhyText: bi('Featurised image pyramids run the network once per scale; FPN builds the pyramid inside one network, adding little cost, and raised the recall of proposals and the AP of Faster R-CNN and Mask R-CNN on COCO, most for small objects.',
    '图像金字塔要对每个尺度各跑一次网络；FPN 在一个网络内部构造金字塔，额外开销很小，提高了 COCO 上候选框的召回率和 Faster R-CNN、Mask R-CNN 的 AP，对小物体提升最大。'),
  allConv: bi('Fully convolutional', '全卷积'),
  allConvText: bi('The classifier\'s fully connected layers become convolutions (an FC layer on a 7×7×512 map is a 7×7 conv), so the network takes any input size and outputs a class-score map in one pass: an efficient sliding window.',
    '把分类网络的全连接层换成卷积（7×7×512 特征图上的全连接层就是一个 7×7 卷积），网络因此能接受任意尺寸的输入，一次前向输出类别分数图：高效的滑动窗口。'),
  upsample: bi('In-network upsampling', '网络内上采样'),
  upsampleText: msg((out: number) => `A transposed convolution, initialised to bilinear interpolation and learned: kernel 64, stride 32, padding 16 takes a 7×7 score map to ${out}×${out} (FCN-32s).`,
    (out) => `用转置卷积上采样，初始化为双线性插值并可学习：核 64、步幅 32、填充 16 把 7×7 的分数图放大到 ${out}×${out}（FCN-32s）。`),
  skips: bi('Skip architecture', '跳跃结构'),
  skipsText: bi('Predictions from pool4 and pool3 are added to the upsampled deep prediction: FCN-32s → 16s → 8s, coarse semantics plus fine location.',
    '把 pool4、pool3 上的预测与上采样后的深层预测相加：FCN-32s → 16s → 8s，粗的语义加上细的位置。'),
  perPixel: bi('Per-pixel loss, end to end', '逐像素损失，端到端'),
  perPixelText: bi('A softmax cross-entropy at every pixel, the whole network fine-tuned from an ImageNet classifier.',
    '每个像素一个 softmax 交叉熵，整个网络从 ImageNet 分类器微调。'),
  tvFcn: bi('torchvision\'s fcn_resnet50', 'torchvision 的 fcn_resnet50'),
  tvFcnText: msg((params: string, aux: string, size: number) => `ResNet-50 with layer3 and layer4 dilated (output stride 8: a 520×520 image gives a ${size}×${size} map) and an FCN head, ${params} parameters with the auxiliary head on layer3 (${aux} of them), resized to the input by bilinear interpolation.`,
    (params, aux, size) => `ResNet-50 的 layer3、layer4 改为膨胀卷积（输出步幅 8：520×520 的图得到 ${size}×${size} 的特征图），接 FCN 头；连同 layer3 上的辅助头（${aux} 个参数）共 ${params} 个参数，最后双线性插值回输入尺寸。`),
  uShape: bi('A symmetric U shape', '对称的 U 形结构'),
  uShapeText: bi('A contracting path (two 3×3 convs + ReLU, then a 2×2 max pool, channels 64 → 1024) and an expanding path as deep (a 2×2 up-convolution that halves the channels, then two 3×3 convs), ending in a 1×1 conv per class.',
    '收缩路径（两个 3×3 卷积 + ReLU，再 2×2 最大池化，通道 64 → 1024）与同样深的扩张路径（2×2 上卷积把通道减半，再两个 3×3 卷积），最后 1×1 卷积输出各类分数。'),
  concat: bi('Skips by concatenation', '拼接式跳跃连接'),
  concatText: msg((up: number, skip: number, total: number) => `At each level the encoder\'s map is concatenated with the upsampled one: ${up} + ${skip} = ${total} channels at the first decoder level, so high-resolution detail reaches the decoder (FCN adds scores; ResNet adds features).`,
    (up, skip, total) => `每一层把编码器的特征图与上采样后的特征图拼接：解码器第一层 ${up} + ${skip} = ${total} 个通道，高分辨率细节直接送到解码器（FCN 是分数相加，ResNet 是特征相加）。`),
  valid: bi('Valid convolutions and overlap-tiles', '无填充卷积与重叠切块'),
  validText: msg((bottom: number, out: number) => `The paper\'s convs are unpadded: a 572×572 tile shrinks to ${bottom}×${bottom} at the bottom and gives a ${out}×${out} output map; skips are cropped to fit, and large images are segmented tile by tile with overlapping borders.`,
    (bottom, out) => `论文中的卷积不填充：572×572 的输入块在底部缩小到 ${bottom}×${bottom}，输出 ${out}×${out} 的分割图；跳跃连接裁剪后再拼接，大图按带重叠边缘的块逐块分割。`),
  fewImages: bi('Trained from very few images', '极少的训练图像'),
  fewImagesText: msg((params: string) => `Heavy augmentation (elastic deformations) and a weighted loss that stresses the borders between touching cells let it train from very few annotated images (30 for the ISBI 2012 EM stack). ${params} parameters (1 input channel, 2 classes): dlnotes summary --spec docs/examples/unet.yaml.`,
    (params) => `大量数据增强（弹性形变）和强调相邻细胞边界的加权损失，使它只用极少的标注图像就能训练（ISBI 2012 电镜数据只有 30 张）。共 ${params} 个参数（1 个输入通道、2 类）：dlnotes summary --spec docs/examples/unet.yaml。`),
  atrous: bi('Atrous (dilated) convolution', '空洞（膨胀）卷积'),
  atrousText: msg((spans: number[]) => `A 3×3 conv with rate r spans 2r + 1 pixels with 9 weights: rates 12, 24, 36 span ${spans.join(', ')}. The last downsamplings of the backbone are replaced by dilation, so the receptive field keeps growing while the map stays large.`,
    (spans) => `膨胀率为 r 的 3×3 卷积用 9 个权重覆盖 2r + 1 个像素：膨胀率 12、24、36 分别覆盖 ${spans.join('、')}。把骨干网络最后几次下采样换成膨胀卷积，感受野继续增大，特征图保持较大。`),
  outputStride: bi('Output stride 8 or 16 instead of 32', '输出步幅 8 或 16，而不是 32'),
  outputStrideText: msg((s8: number, s16: number, s32: number) => `A 520×520 image ends at ${s8}×${s8} (output stride 8), ${s16}×${s16} (16) or ${s32}×${s32} (32): finer maps, finer boundaries, at more compute.`,
    (s8, s16, s32) => `520×520 的图最后得到 ${s8}×${s8}（输出步幅 8）、${s16}×${s16}（16）或 ${s32}×${s32}（32）：特征图越细，边界越细，计算量也越大。`),
  aspp: bi('Atrous spatial pyramid pooling (ASPP)', '空洞空间金字塔池化（ASPP）'),
  asppText: msg((params: string) => `Parallel branches on the same map: a 1×1 conv, three 3×3 atrous convs at different rates and (from v3) image-level pooling, concatenated and projected: context at several scales. In torchvision\'s deeplabv3_resnet50 the ASPP has ${params} parameters.`,
    (params) => `同一特征图上的并行分支：一个 1×1 卷积、三个不同膨胀率的 3×3 空洞卷积，以及（v3 起）图像级池化，拼接后再投影：捕捉多尺度上下文。torchvision 的 deeplabv3_resnet50 中 ASPP 有 ${params} 个参数。`),
  crf: bi('CRF, then a decoder', '先用 CRF，后用解码器'),
  crfText: bi('v1 and v2 refine boundaries with a fully connected CRF after the network; v3 drops it; v3+ adds a light decoder that fuses low-level features for sharper edges.',
    'v1、v2 在网络之后用全连接条件随机场（CRF）细化边界；v3 去掉了它；v3+ 加入一个轻量解码器融合浅层特征，使边缘更清晰。'),
  tvDeeplab: bi('torchvision\'s deeplabv3_resnet50', 'torchvision 的 deeplabv3_resnet50'),
  tvDeeplabText: msg((params: string, macs: string) => `${params} parameters with the auxiliary head, ${macs} MACs for one 520×520 image.`,
    (params, macs) => `连同辅助头共 ${params} 个参数，一张 520×520 的图需要 ${macs} 次乘加（MACs）。`),
};

const FEATURE_MAP = Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => 4 * i + j + 1));

export const VISION_NETS: VisionNet[] = [
  {
    key: 'faster-rcnn', title: 'Faster R-CNN', aliases: ['fasterrcnn', 'rpn'], year: 2015,
    authors: 'Ren, He, Girshick, Sun', paper: 'Faster R-CNN: Towards Real-Time Object Detection with Region Proposal Networks (NeurIPS 2015)',
    task: TASK.twoStage,
    result: bi('73.2% mAP on VOC 2007 with VGG-16 at 5 fps; the base of the COCO 2015 detection winner', 'VGG-16 骨干在 VOC 2007 上 73.2% mAP、5 帧/秒；COCO 2015 检测冠军方案的基础'),
    models: [],
    tryIt: ['dlnotes anchors --h 38 --w 50', 'dlnotes box encode --anchor 0,0,100,100 --gt 10,20,110,140', 'dlnotes nms --boxes "0,0,10,10; 1,1,11,11" --scores 0.9,0.8 --iou 0.7', 'dlnotes diagram faster-rcnn'],
    ideas: () => {
      const a = anchors({ h: 40, w: 60, sizes: [128, 256, 512], ratios: [0.5, 1, 2], stride: 16, c: 512 });
      const t = encodeBox([0, 0, 100, 100], [10, 20, 110, 140]).t;
      return [
        { title: IDEA.rpn, text: IDEA.rpnText },
        { title: IDEA.anchors, text: IDEA.anchorsText(a.perPosition, fmtInt(a.positions), fmtInt(a.total)) },
        { title: IDEA.head, text: IDEA.headText(fmtInt(rpnHead(512, a.perPosition, 1, 1).params)) },
        { title: IDEA.coder, text: IDEA.coderText(t3(t)) },
        { title: IDEA.twoStage, text: IDEA.twoStageText },
      ];
    },
  },
  {
    key: 'mask-rcnn', title: 'Mask R-CNN', aliases: ['maskrcnn', 'roialign', 'roi-align'], year: 2017,
    authors: 'He, Gkioxari, Dollár, Girshick', paper: 'Mask R-CNN (ICCV 2017, best paper)',
    task: TASK.instance,
    result: bi('Better than every single-model entry, the COCO 2016 challenge winners included, on instance segmentation, box detection and keypoints', '在实例分割、检测和关键点三项上超过所有单模型结果，包括 COCO 2016 挑战赛冠军'),
    models: [],
    tryIt: ['dlnotes roi --mode align --feature "1,2,3; 4,5,6; 7,8,9" --box 0,0,2.5,2.5', 'dlnotes roi --mode pool --feature "1,2,3; 4,5,6; 7,8,9" --box 0,0,2.5,2.5', 'dlnotes diagram mask-rcnn'],
    ideas: () => {
      const box = [0.6, 0.6, 3.2, 3.4];
      const show = (m: number[][]) => `[${m.map((r) => r.map((v) => fmtNum(v, 4)).join(', ')).join('; ')}]`;
      const pool = roi({ mode: 'pool', feature: FEATURE_MAP, box, out: [2, 2] }).output;
      const align = roi({ mode: 'align', feature: FEATURE_MAP, box, out: [2, 2] }).output;
      return [
        { title: IDEA.maskBranch, text: IDEA.maskBranchText(fmtInt(80 * 28 * 28)) },
        { title: IDEA.roiAlign, text: IDEA.roiAlignText(show(pool), show(align)) },
        { title: IDEA.decoupled, text: IDEA.decoupledText },
        { title: IDEA.general, text: IDEA.generalText },
      ];
    },
  },
  {
    key: 'yolo', title: 'YOLO (v1)', aliases: ['yolov1', 'yolo1'], year: 2016,
    authors: 'Redmon, Divvala, Girshick, Farhadi', paper: 'You Only Look Once: Unified, Real-Time Object Detection (CVPR 2016)',
    task: TASK.oneStage,
    result: bi('Real time: 45 fps at 63.4% mAP on VOC 2007', '实时：VOC 2007 上 63.4% mAP、45 帧/秒'),
    models: [],
    tryIt: ['dlnotes iou --a 0,0,4,4 --b 2,2,6,6', 'dlnotes nms --boxes "0,0,10,10; 1,1,11,11" --scores 0.9,0.8'],
    ideas: () => {
      const [s, b, c] = [7, 2, 20];
      return [
        { title: IDEA.regression, text: IDEA.regressionText(s, b, c, 5 * b + c, fmtInt(s * s * (5 * b + c)), s * s * b) },
        { title: IDEA.grid, text: IDEA.gridText },
        { title: IDEA.fast, text: IDEA.fastText },
        { title: IDEA.yoloLoss, text: IDEA.yoloLossText },
      ];
    },
  },
  {
    key: 'ssd', title: 'SSD', aliases: ['ssd300', 'single-shot'], year: 2016,
    authors: 'Liu, Anguelov, Erhan, Szegedy, Reed, Fu, Berg', paper: 'SSD: Single Shot MultiBox Detector (ECCV 2016)',
    task: TASK.oneStage,
    result: bi('SSD300: 74.3% mAP on VOC 2007 at 59 fps', 'SSD300：VOC 2007 上 74.3% mAP、59 帧/秒'),
    models: [],
    tryIt: ['dlnotes anchors --h 38 --w 38 --scales 30,42 --ratios 1,2 --stride 8', 'dlnotes iou --a 0,0,4,4 --b 2,2,6,6'],
    ideas: () => [
      { title: IDEA.multiScale, text: IDEA.multiScaleText(SSD300.maps.join(', '), SSD300.boxes.join(', '), fmtInt(ssdDefaultBoxes())) },
      { title: IDEA.defaultBoxes, text: IDEA.defaultBoxesText },
      { title: IDEA.singleShot, text: IDEA.singleShotText },
      { title: IDEA.matching, text: IDEA.matchingText },
    ],
  },
  {
    key: 'fpn', title: bi('FPN (Feature Pyramid Network)', 'FPN（特征金字塔网络）'), aliases: ['feature-pyramid'], year: 2017,
    authors: 'Lin, Dollár, Girshick, He, Hariharan, Belongie', paper: 'Feature Pyramid Networks for Object Detection (CVPR 2017)',
    task: TASK.features,
    result: bi('The multi-scale neck of later detectors (torchvision\'s fasterrcnn_resnet50_fpn, Mask R-CNN, RetinaNet)', '此后检测器的多尺度“颈部”（torchvision 的 fasterrcnn_resnet50_fpn、Mask R-CNN、RetinaNet）'),
    models: [],
    tryIt: ['dlnotes anchors --h 200 --w 200 --scales 32 --stride 4 --c 256'],
    ideas: () => {
      const levels = [4, 8, 16, 32, 64].map((stride, i) => anchors({ h: Math.ceil(800 / stride), w: Math.ceil(800 / stride), sizes: [32 * 2 ** i], ratios: [0.5, 1, 2], stride, c: 256 }));
      const positions = levels.reduce((t, l) => t + l.positions, 0);
      const total = levels.reduce((t, l) => t + l.total, 0);
      return [
        { title: IDEA.pyramid, text: IDEA.pyramidText },
        { title: IDEA.fpnAnchors, text: IDEA.fpnAnchorsText(fmtInt(positions), fmtInt(total), fmtInt(rpnHead(256, 3, 1, 1).params)) },
        { title: IDEA.fpnLevel, text: IDEA.fpnLevelText(fpnLevel(112, 112), fpnLevel(448, 448)) },
        { title: IDEA.fpnWhy, text: IDEA.fpnWhyText },
      ];
    },
  },
  {
    key: 'fcn', title: bi('FCN (Fully Convolutional Network)', 'FCN（全卷积网络）'), aliases: ['fcn-8s', 'fcn32s', 'fcn8s'], year: 2015,
    authors: 'Long, Shelhamer, Darrell', paper: 'Fully Convolutional Networks for Semantic Segmentation (CVPR 2015, best paper honourable mention)',
    task: TASK.semantic,
    result: bi('62.2% mean IU on VOC 2012 test (FCN-8s), 20% better than the previous best, at a fraction of a second per image', 'VOC 2012 测试集 62.2% mean IU（FCN-8s），比之前最好的方法高 20%，每张图不到一秒'),
    models: ['fcn_resnet50'],
    tryIt: ['dlnotes summary fcn_resnet50 --levels 1', 'dlnotes conv --h 7 --c 21 --k 21 --f 64 --s 32 --p 16 --transpose', 'dlnotes miou --confusion "50,2,3; 4,40,1; 0,5,30"', 'dlnotes diagram fcn'],
    ideas: (f) => {
      const s = f.of('fcn_resnet50');
      const aux = s.blocks.find((b) => b.name === 'aux_classifier')!.params;
      return [
        { title: IDEA.allConv, text: IDEA.allConvText },
        { title: IDEA.upsample, text: IDEA.upsampleText(convTransposeOutSize({ n: 7, k: 64, s: 32, p: 16, d: 1, outputPadding: 0 })) },
        { title: IDEA.skips, text: IDEA.skipsText },
        { title: IDEA.perPixel, text: IDEA.perPixelText },
        { title: IDEA.tvFcn, text: IDEA.tvFcnText(fmtInt(s.totals.params), fmtInt(aux), backbone(520, 8).size) },
      ];
    },
  },
  {
    key: 'unet', title: 'U-Net', aliases: ['u-net'], year: 2015,
    authors: 'Ronneberger, Fischer, Brox', paper: 'U-Net: Convolutional Networks for Biomedical Image Segmentation (MICCAI 2015)',
    task: TASK.semantic,
    result: bi('Won the ISBI 2015 cell tracking challenge by a large margin, and the ISBI 2012 EM segmentation ranking', '以很大优势赢得 ISBI 2015 细胞追踪挑战赛，并在 ISBI 2012 电镜分割排名第一'),
    models: [],
    tryIt: ['dlnotes summary --spec docs/examples/unet.yaml --levels 3', 'dlnotes conv --h 32 --c 1024 --k 512 --f 2 --s 2 --transpose', 'dlnotes diagram unet'],
    ideas: () => {
      const sizes = unetSizes();
      return [
        { title: IDEA.uShape, text: IDEA.uShapeText },
        { title: IDEA.concat, text: IDEA.concatText(512, 512, 1024) },
        { title: IDEA.valid, text: IDEA.validText(sizes.bottom, sizes.output) },
        { title: IDEA.fewImages, text: IDEA.fewImagesText(fmtInt(unetParams())) },
      ];
    },
  },
  {
    key: 'deeplab', title: 'DeepLab (v1–v3+)', aliases: ['deeplabv3', 'deeplab-v3', 'aspp'], year: 2015,
    authors: 'Chen, Papandreou, Kokkinos, Murphy, Yuille (v3+: with Zhu, Schroff, Adam)', paper: 'DeepLab v1 (ICLR 2015), v2 (TPAMI 2017), v3 (arXiv 2017), v3+ (ECCV 2018)',
    task: TASK.semantic,
    result: bi('State of the art on PASCAL VOC 2012 with each version (v3+: 89.0% mIoU on the test set)', '每一版都在 PASCAL VOC 2012 上达到当时最佳（v3+：测试集 89.0% mIoU）'),
    models: ['deeplabv3_resnet50'],
    tryIt: ['dlnotes summary deeplabv3_resnet50 --levels 2', 'dlnotes conv --h 65 --c 2048 --k 256 --f 3 --p 12 --d 12'],
    ideas: (f) => {
      const s = f.of('deeplabv3_resnet50');
      const asppParams = s.blocks.find((b) => b.name === 'classifier.0')!.params;
      return [
        { title: IDEA.atrous, text: IDEA.atrousText([12, 24, 36].map((r) => effectiveKernel(3, r))) },
        { title: IDEA.outputStride, text: IDEA.outputStrideText(backbone(520, 8).size, backbone(520, 16).size, backbone(520, 32).size) },
        { title: IDEA.aspp, text: IDEA.asppText(fmtInt(asppParams)) },
        { title: IDEA.crf, text: IDEA.crfText },
        { title: IDEA.tvDeeplab, text: IDEA.tvDeeplabText(fmtInt(s.totals.params), fmtSI(s.totals.macs)) },
      ];
    },
  },
];

function key(name: string): string {
  return name.trim().toLowerCase().replace(/[-_\s]/g, '');
}

/** A detection or segmentation network by key, alias or zoo model (fcn_resnet50 → fcn). */
export function findVisionNet(name: string): VisionNet | undefined {
  const k = key(name);
  return VISION_NETS.find((n) => key(n.key) === k || n.aliases.some((a) => key(a) === k) || n.models.some((m) => key(m) === k));
}

export interface VisionReport {
  net: Omit<VisionNet, 'ideas'>;
  /** The zoo models' figures, when the family has one. */
  models: Array<{ name: string; depth: number; params: number; macs: number }>;
  ideas: VisionIdea[];
}

export function visionReport(net: VisionNet, f: Figures): VisionReport {
  const { ideas, ...facts } = net;
  const models = net.models.map((name) => {
    const s = f.of(name);
    return { name, depth: s.totals.depth, params: s.totals.params, macs: s.totals.macs };
  });
  return { net: facts, models, ideas: ideas(f) };
}
