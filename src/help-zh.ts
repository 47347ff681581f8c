/**
 * The Chinese one-line summary of every command, keyed by its path
 * ("conv", "bank lint", "backprop matmul"). `--help` stays English but,
 * in a zh run, each command's summary is this line (in `dlnotes --help`)
 * and its own help starts with it. A test checks that every registered
 * command has one: a new command is born with its Chinese summary.
 */
export const ZH_SUMMARY: Record<string, string> = {
  '': '深度学习课程的考试练习与计算器：详细解答、答案检查、间隔重复复习。',
  conv: '卷积层：输出尺寸、参数量、MACs、显存（详细解答）',
  pool: '池化层：按 PyTorch 的 floor/ceil 模式计算输出尺寸（详细解答）',
  params: '参数量：卷积、全连接、BN，3×3 堆叠对比 7×7，深度可分离卷积',
  rf: '一组层中每一层的感受野、jump 和起点',
  check: '用计算器批改一份题目加答案的作业文件',
  loss: 'SVM 和 softmax 损失、KL 散度/交叉熵、L1/L2 正则化（详细解答）',
  act: '激活函数：取值、导数、优缺点、终端绘图',
  bn: 'BatchNorm：批统计量、x̂、y 和 running 统计量（详细解答）',
  knn: 'k 近邻：每个距离、投票、平票规则（详细解答）',
  backprop: '计算图：前向传播的值、逐个门的梯度、画图（详细解答）',
  'backprop matmul': 'Y = XW：dL/dX = dL/dY·Wᵀ，dL/dW = Xᵀ·dL/dY，检查形状（详细解答）',
  gradcheck: '梯度检验：解析梯度、符号梯度与前向/中心差分对比',
  gate: '单个门的前向与反向：加法门分配、乘法门交换、max 门路由、复制门求和',
  optim: '优化器迭代：SGD、动量、RMSProp、AdaGrad、Adam、AdamW（详细解答）',
  lr: '学习率调度：阶梯、余弦、线性、逆平方根、预热（详细解答）',
  bank: '题库：检查、列出、显示、统计、模板',
  'bank lint': '检查题库：格式、id、标签、LaTeX、公式、模板',
  'bank list': '按卡组列出题目（可按卡组、题型、标签筛选）',
  'bank show': '显示一道题及其答案和解析',
  'bank stats': '各卡组、题型、标签的题数；没有题目的章节',
  'bank templates': '生成题的模板（id、主题、标题、选项）',
  quiz: '今天的间隔重复复习：先复习到期题，再学新题',
  stats: '复习次数、到期数、保持率、连续天数和日历热力图',
  card: '一道题的题目、复习计划状态和复习记录',
  config: '查看或修改学习设置（保持率、每天开始时间、上限、题库）',
  summary: '整个网络：逐层形状、参数量、MACs、显存、感受野（内置网络或你的规格文件）',
  diagram: '默写结构图：LSTM、Transformer、ResNet、U-Net 等的方框图',
  net: '经典网络：年份、深度、关键思想，以及由 summary 算出的数字',
  exam: '限时模拟考试，覆盖各章：交卷前不给反馈，最后按章给分',
  drill: '专项练习：某个主题的新生成题，立即评分并给出详细解答',
};
