/** Detection and segmentation networks: Faster R-CNN, FCN, U-Net and Mask R-CNN. */
import type { Diagram, DiagramLabel } from './types';

const IMAGE: DiagramLabel = { text: { en: 'image', zh: '图像' }, accept: ['image', 'input', 'input image', '图像', '输入', '输入图像'] };
const BACKBONE_ACCEPT = ['backbone', 'backbone cnn', 'cnn', 'conv layers', 'convnet', 'vgg', 'vgg16', 'resnet', 'feature extractor', '骨干', '骨干网络', '主干网络', '特征提取网络', '卷积层', '卷积网络'];
const FC: DiagramLabel = { text: { en: 'FC', zh: '全连接' }, accept: ['fc', 'fc layers', 'fully connected', 'fully connected layers', 'mlp', 'head', '全连接', '全连接层'] };
const CLS: DiagramLabel = {
  text: { en: 'class scores, K+1', zh: '类别得分（K+1）' },
  accept: ['class', 'classes', 'class scores', 'classification', 'cls', 'softmax', 'scores', '分类', '类别', '类别得分', '分类得分'],
};
const REG: DiagramLabel = {
  text: { en: 'box offsets, 4K', zh: '边框回归（4K）' },
  accept: ['box', 'boxes', 'bbox', 'box regression', 'bbox regression', 'bounding box regression', 'regression', 'box offsets', 'reg', '边框回归', '回归', '边界框回归', '框回归'],
};
const FMAP: DiagramLabel = { text: { en: 'feature map', zh: '特征图' }, accept: ['feature map', 'features', 'feature maps', 'conv features', '特征图', '特征'] };
const RPN: DiagramLabel = {
  text: { en: 'RPN: 3×3 conv', zh: 'RPN：3×3 卷积' },
  accept: ['rpn', 'region proposal network', 'proposal network', '区域建议网络', '区域候选网络', '候选区域网络', '候选框网络'],
};
const ANCHORS: DiagramLabel = { text: { en: 'k anchors', zh: 'k 个锚框' }, accept: ['anchors', 'anchor', 'anchor boxes', 'k anchors', '锚框', '锚点框', '先验框', '锚'] };
const UP_ACCEPT = ['upsample', 'upsampling', 'transposed conv', 'transposed convolution', 'deconv', 'deconvolution', 'up-conv', 'upconv', '上采样', '转置卷积', '反卷积', '上卷积'];

const fasterRcnn: Diagram = {
  id: 'faster-rcnn',
  title: { en: 'Faster R-CNN: a two-stage detector', zh: 'Faster R-CNN：两阶段检测器' },
  summary: { en: 'backbone, region proposal network, RoI pooling, class and box heads', zh: '骨干网络、区域建议网络、RoI 池化、分类与边框回归' },
  art: [
      "        ┌────────────┐       ┌─────────────┐  ┌──────┐  ┌─▶{<cls.............}",
      "{<img}─▶│{backbone..}│──┬───▶│{roi........}│─▶│{fc..}│──┤",
      "        └────────────┘  │    └──────────▲──┘  └──────┘  └─▶{<reg.............}",
      "                        ▼ {<fmap.....}  │",
      "              ┌─────────┴─────────┐     │ {<prop...............}",
      "{<anchors.}──▶│{rpn..............}│─────┘",
      "              └─────────┬─────────┘",
      "                        ▼",
      "       {rpnout..........................}",
  ],
  labels: {
    cls: CLS,
    img: IMAGE,
    backbone: { text: { en: 'backbone CNN', zh: '骨干网络' }, accept: BACKBONE_ACCEPT },
    roi: { text: { en: 'RoI pooling', zh: 'RoI 池化' }, accept: ['roi pooling', 'roi pool', 'roipool', 'roi', 'roi 池化', '感兴趣区域池化', 'roi池化层'] },
    fc: FC,
    reg: REG,
    fmap: FMAP,
    prop: { text: { en: 'proposals (after NMS)', zh: '候选框（NMS 之后）' }, accept: ['proposals', 'region proposals', 'rois', 'proposal boxes', '候选框', '候选区域', '建议框', '区域建议'] },
    anchors: ANCHORS,
    rpn: RPN,
    rpnout: {
      text: { en: '2k scores + 4k offsets / position', zh: '每个位置 2k 个得分 + 4k 个偏移' },
      accept: ['2k scores 4k offsets', '2k + 4k', '2k and 4k', 'objectness and offsets', 'cls 2k reg 4k', '2k 个得分 4k 个偏移'],
    },
  },
  shapes: [
    { en: 'feature map: H/16 × W/16 × 512 (VGG-16 conv5, stride 16)', zh: '特征图：H/16 × W/16 × 512（VGG-16 conv5，步幅 16）' },
    { en: 'RPN per position: k = 9 anchors (3 scales × 3 aspect ratios)', zh: 'RPN 每个位置：k = 9 个锚框（3 种尺度 × 3 种长宽比）' },
    { en: 'RoI pooling: any proposal → 7 × 7 × 512, then FC 4096, 4096', zh: 'RoI 池化：任意大小的候选框 → 7 × 7 × 512，再接 FC 4096、4096' },
  ],
  notes: [
    { en: 'stage 1 proposes regions (RPN), stage 2 classifies and refines them', zh: '第一阶段 RPN 提出候选区域，第二阶段分类并精修边框' },
    { en: 'the RPN shares the backbone\'s features: proposals nearly for free', zh: 'RPN 与检测头共享骨干特征，候选框几乎不增加计算' },
    { en: 'Fast R-CNN: the same head, proposals from selective search', zh: 'Fast R-CNN：同样的检测头，候选框来自选择性搜索' },
  ],
};

const fcn: Diagram = {
  id: 'fcn',
  title: { en: 'FCN-8s: fully convolutional semantic segmentation', zh: 'FCN-8s：全卷积语义分割网络' },
  summary: { en: 'VGG as convs, 1×1 class scores, upsampling with pool4/pool3 skips', zh: 'VGG 全部改为卷积、1×1 类别得分、结合 pool4/pool3 跳跃连接上采样' },
  art: [
      "      {<img..................}",
      "            ▼",
      " ┌──────────┴──────────┐  {<s3...........}",
      " │ {p3...............} │────────────────────────────────────┐",
      " └──────────┬──────────┘                                    │",
      "            ▼                                               │",
      " ┌──────────┴──────────┐  {<s4...........}                  │",
      " │ {p4...............} │─────────────────┐                  │",
      " └──────────┬──────────┘                 │                  │",
      "            ▼                            │                  │",
      " ┌──────────┴──────────┐                 │                  │",
      " │ {p5...............} │                 │                  │",
      " └──────────┬──────────┘                 │                  │",
      "            ▼                            │                  │",
      " ┌──────────┴──────────┐                 │                  │",
      " │ {fc...............} │                 │                  │",
      " └──────────┬──────────┘                 │                  │",
      "            ▼                            │                  │",
      " ┌──────────┴──────────┐  ┌──────────┐   ▼   ┌──────────┐   ▼   ┌──────────┐",
      " │ {score............} │─▶│{up2a....}│─▶(+)─▶│{up2b....}│─▶(+)─▶│{up8.....}│",
      " └─────────────────────┘  └──────────┘       └──────────┘       └─────┬────┘",
      "                                                                      ▼",
      "                                                      {>out................}",
  ],
  labels: {
    img: { text: { en: 'image H×W×3', zh: '图像 H×W×3' }, accept: ['image', 'input', 'input image', '图像', '输入'] },
    s3: { text: { en: '1×1 conv scores', zh: '1×1 卷积得分' }, accept: ['1x1 conv', '1x1 conv scores', 'score', 'scores', 'skip', 'skip connection', '1x1 卷积', '得分', '跳跃连接'] },
    p3: { text: 'conv1 … pool3: 1/8', accept: ['1/8', 'pool3', 'conv1-pool3', 'conv1 … pool3'] },
    s4: { text: { en: '1×1 conv scores', zh: '1×1 卷积得分' }, accept: ['1x1 conv', '1x1 conv scores', 'score', 'scores', 'skip', 'skip connection', '1x1 卷积', '得分', '跳跃连接'] },
    p4: { text: 'conv4, pool4: 1/16', accept: ['1/16', 'pool4', 'conv4 pool4'] },
    p5: { text: 'conv5, pool5: 1/32', accept: ['1/32', 'pool5', 'conv5 pool5'] },
    fc: { text: { en: 'conv6–7: FC as conv', zh: 'conv6–7：FC 变卷积' }, accept: ['fc as conv', 'convolutionalized fc', 'fc6 fc7 as conv', 'conv6-7', 'fc6-7', 'fc 变卷积', '全连接变卷积', '全连接层改为卷积'] },
    score: { text: { en: '1×1 conv: C scores', zh: '1×1 卷积：C 类得分' }, accept: ['1x1 conv', '1x1 conv scores', 'score', 'scores', 'class scores', 'classifier', '1x1 卷积', '得分', '类别得分'] },
    up2a: { text: { en: '2× up', zh: '2 倍上采样' }, accept: [...UP_ACCEPT, '2x', '2x up', '2x upsampling', '2 倍上采样'] },
    up2b: { text: { en: '2× up', zh: '2 倍上采样' }, accept: [...UP_ACCEPT, '2x', '2x up', '2x upsampling', '2 倍上采样'] },
    up8: { text: { en: '8× up', zh: '8 倍上采样' }, accept: [...UP_ACCEPT, '8x', '8x up', '8x upsampling', '8 倍上采样'] },
    out: { text: { en: 'H×W×C pixel scores', zh: 'H×W×C 逐像素得分' }, accept: ['hxwxc', 'pixel scores', 'per-pixel scores', 'segmentation', 'segmentation map', '逐像素得分', '分割图', '逐像素分类'] },
  },
  shapes: [
    { en: 'pool3, pool4, pool5: 1/8, 1/16, 1/32 of H × W (VGG-16)', zh: 'pool3、pool4、pool5：H × W 的 1/8、1/16、1/32（VGG-16）' },
    { en: 'scores: C channels, one per class (21 for PASCAL VOC)', zh: '得分：C 个通道，每类一个（PASCAL VOC 为 21）' },
  ],
  notes: [
    { en: 'fully convolutional: the FC layers become convs, any input size works', zh: '全卷积：全连接层改为卷积，可以输入任意尺寸' },
    {
      en: 'FCN-32s upsamples pool5\'s scores 32× at once: coarse;\nFCN-16s/8s add pool4/pool3 scores through skip connections',
      zh: 'FCN-32s 把 pool5 的得分一次上采样 32 倍，结果粗糙；\nFCN-16s/8s 通过跳跃连接加上 pool4/pool3 的得分',
    },
    { en: 'upsampling: transposed convs, initialised to bilinear, learnt', zh: '上采样用转置卷积，初始化为双线性插值，可学习' },
  ],
};

const unet: Diagram = {
  id: 'unet',
  title: { en: 'U-Net: contracting and expanding paths with skips', zh: 'U-Net：收缩路径与扩张路径，加跳跃连接' },
  summary: { en: 'encoder, decoder, skip connections that concatenate', zh: '编码器、解码器，跳跃连接做拼接' },
  art: [
      "{<in.............}                                {>out......................}",
      "        ▼                                                            ▲",
      "┌───────┴────────┐                                          ┌────────┴───────┐",
      "│{d1............}│─────────────{copy........}──────────────▶│{u1............}│",
      "└───────┬────────┘                                          └────────▲───────┘",
      "        ▼ {<pool.......}                             {>up.........}  │",
      "    ┌───────┴────────┐                                  ┌────────┴───────┐",
      "    │{d2............}│─────────{copy........}──────────▶│{u2............}│",
      "    └───────┬────────┘                                  └────────▲───────┘",
      "            ▼ {<pool.......}                     {>up.........}  │",
      "        ┌───────┴────────┐                          ┌────────┴───────┐",
      "        │{d3............}│─────{copy........}──────▶│{u3............}│",
      "        └───────┬────────┘                          └────────▲───────┘",
      "                ▼ {<pool.......}             {>up.........}  │",
      "            ┌───────┴────────┐                  ┌────────┴───────┐",
      "            │{d4............}│─{copy........}──▶│{u4............}│",
      "            └───────┬────────┘                  └────────▲───────┘",
      "                    │ {<pool.......}     {>up.........}  │",
      "                    │         ┌─────────────────┐        │",
      "                    └────────▶│{bottom.........}│────────┘",
      "                              └─────────────────┘",
  ],
  labels: {
    in: { text: { en: 'input image', zh: '输入图像' }, accept: ['image', 'input', 'input image', '图像', '输入', '输入图像'] },
    out: { text: { en: '1×1 conv → segmentation', zh: '1×1 卷积 → 分割图' }, accept: ['1x1 conv', 'segmentation', 'segmentation map', 'output', '1x1 卷积', '分割图', '输出'] },
    d1: conv2(64), u1: conv2(64),
    d2: conv2(128), u2: conv2(128),
    d3: conv2(256), u3: conv2(256),
    d4: conv2(512), u4: conv2(512),
    bottom: conv2(1024),
    copy: {
      text: { en: 'copy & crop', zh: '复制并裁剪' },
      accept: ['copy and crop', 'copy & crop', 'copy', 'crop', 'skip', 'skip connection', 'concat', 'concatenate', 'concatenation', '跳跃连接', '拼接', '复制', '裁剪', '复制裁剪', '复制并裁剪'],
    },
    pool: {
      text: { en: 'max pool 2×2', zh: '2×2 最大池化' },
      accept: ['max pool', 'maxpool', 'max pooling', 'pool', 'pooling', '2x2 max pool', 'downsample', 'downsampling', '池化', '最大池化', '2x2 最大池化', '下采样'],
    },
    up: { text: { en: 'up-conv 2×2', zh: '2×2 上卷积' }, accept: [...UP_ACCEPT, '2x2 up-conv', 'up conv'] },
  },
  shapes: [
    { en: 'paper: 572×572 in, 388×388×2 out (unpadded 3×3 convs: hence crop)', zh: '论文：输入 572×572，输出 388×388×2（3×3 卷积不填充，所以要裁剪）' },
    { en: 'channels 64 → 128 → 256 → 512 → 1024, then back to 64', zh: '通道 64 → 128 → 256 → 512 → 1024，再回到 64' },
  ],
  notes: [
    { en: 'contracting path: context; expanding path: precise localisation', zh: '收缩路径获取上下文，扩张路径精确定位' },
    { en: 'skips concatenate encoder features with the upsampled ones', zh: '跳跃连接把编码器特征与上采样结果拼接（不是相加）' },
    { en: 'each up-conv halves the channels before the concatenation', zh: '每次上卷积先把通道数减半，再拼接' },
  ],
};

/** U-Net's "3×3 conv ×2, C" boxes. */
function conv2(channels: number): DiagramLabel {
  return {
    text: { en: `3×3 conv ×2, ${channels}`, zh: `3×3 卷积 ×2，${channels}` },
    accept: [`3x3 conv x2 ${channels}`, `2 3x3 conv ${channels}`, `3x3 conv ${channels}`, `conv ${channels}`, `3x3 ${channels}`, `3x3 卷积 ${channels}`, `${channels}`],
  };
}

const maskRcnn: Diagram = {
  id: 'mask-rcnn',
  title: { en: 'Mask R-CNN: Faster R-CNN plus a mask branch', zh: 'Mask R-CNN：Faster R-CNN 加掩码分支' },
  summary: { en: 'RoIAlign, then class, box and per-class mask heads in parallel', zh: 'RoIAlign 之后，分类、边框与逐类掩码三个头并行' },
  art: [
      "        ┌────────────┐       ┌────────────┐    ┌──────┐  ┌─▶{<cls............}",
      "{<img}─▶│{backbone..}│──┬───▶│{align.....}│─┬─▶│{fc..}│──┤",
      "        └────────────┘  │    └──────────▲─┘ │  └──────┘  └─▶{<reg............}",
      "                        ▼ {<fmap.....}  │   │  ┌────────────────────┐",
      "              ┌─────────┴─────────┐     │   └─▶│{mask..............}│",
      "{<anchors.}──▶│{rpn..............}│─────┘      └─────────┬──────────┘",
      "              └───────────────────┘                      ▼",
      "                                     {masks.................................}",
  ],
  labels: {
    cls: CLS,
    img: IMAGE,
    backbone: { text: { en: 'CNN + FPN', zh: '骨干网 + FPN' }, accept: [...BACKBONE_ACCEPT, 'fpn', 'resnet-fpn', 'backbone + fpn', '特征金字塔', '骨干+fpn'] },
    align: { text: 'RoIAlign', accept: ['roialign', 'roi align', 'roi 对齐', 'roi对齐'] },
    fc: FC,
    reg: REG,
    fmap: FMAP,
    mask: { text: { en: 'mask head (FCN)', zh: '掩码分支（FCN）' }, accept: ['mask', 'mask head', 'mask branch', 'fcn', 'mask fcn', '掩码', '掩码分支', '掩膜分支', '掩码头'] },
    anchors: ANCHORS,
    rpn: RPN,
    masks: {
      text: { en: 'K masks of 28×28 per RoI (sigmoid)', zh: '每个 RoI 输出 K 个 28×28 掩码（sigmoid）' },
      accept: ['k masks', 'masks', 'kx28x28', 'k x 28 x 28', 'binary masks', '掩码', 'k 个掩码', '28x28 掩码'],
    },
  },
  shapes: [
    { en: 'mask head per RoI: 14×14×256 → 28×28×K (COCO: K = 80)', zh: '每个 RoI 的掩码分支：14×14×256 → 28×28×K（COCO：K = 80）' },
    { en: 'RoIAlign samples bilinearly: box coordinates are never rounded', zh: 'RoIAlign 用双线性插值采样：坐标不取整' },
  ],
  notes: [
    { en: 'Faster R-CNN + a mask branch in parallel with the class and box heads', zh: 'Faster R-CNN 加一个与分类、边框回归并行的掩码分支' },
    { en: 'one binary (sigmoid) mask per class; the class head picks which', zh: '每类一个二值（sigmoid）掩码，由分类头决定用哪一个' },
    { en: 'RoIAlign, not RoI pooling: rounding would misalign the masks', zh: '用 RoIAlign 而不是 RoI 池化：取整会让掩码错位' },
  ],
};

export const vision: readonly Diagram[] = [fasterRcnn, fcn, unet, maskRcnn];
