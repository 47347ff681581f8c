// Further benchmark cases, one entry per feature that has a startup target.
// Each: { name, argv (after `node`), target ratio, env?, setup?, teardown? }.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBank } from './make-bank.mjs';
import { quizScaleSetup } from './quiz-scale.mjs';

export async function extraCases({ root, bin }) {
  // A student's bank at the scale (10,000 questions), loaded from a warm cache.
  const work = mkdtempSync(join(tmpdir(), 'dlnotes-bench-bank-'));
  const bank = join(work, 'bank');
  const env = { DLNOTES_HOME: join(work, 'home'), NO_COLOR: '1' };
  const warm = () => {
    makeBank(bank, 10000, 10);
    spawnSync(process.execPath, [bin, 'bank', 'stats', '--bank', bank, '--json'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  };
  let made = false;
  const setup = () => {
    if (!made) warm();
    made = true;
  };
  // The shipped bank with a warm cache and an empty study database, for exam and drill.
  const studyEnv = { DLNOTES_HOME: join(work, 'study'), NO_COLOR: '1' };
  let studyWarm = false;
  const warmStudy = () => {
    if (!studyWarm) spawnSync(process.execPath, [bin, 'stats', '--json'], { env: { ...process.env, ...studyEnv }, stdio: 'ignore' });
    studyWarm = true;
  };
  // A study database whose review log has slips (three wrong answers to the shipped conv-params problems of drill seed 7).
  const slipEnv = { DLNOTES_HOME: join(work, 'slips'), NO_COLOR: '1' };
  let slipsWarm = false;
  const warmSlips = () => {
    if (!slipsWarm) {
      spawnSync(process.execPath, [bin, 'drill', 'conv-params', '-n', '3', '--seed', '7', '--lang', 'en'], { env: { ...process.env, ...slipEnv }, input: '256\n16512\n100352\n', stdio: ['pipe', 'ignore', 'ignore'] });
    }
    slipsWarm = true;
  };
  const cases = [
    // Issue #14: stats listing the slips in the log (loads the generators for their drill topics), and drill --slips.
    { name: 'stats (with slips)', argv: [bin, 'stats'], target: 2.5, env: slipEnv, setup: warmSlips },
    { name: 'drill --slips (empty input)', argv: [bin, 'drill', '--slips', '-n', '1', '--seed', '1', '--lang', 'en'], target: 2.5, env: slipEnv, setup: warmSlips },
    // Grading a wrong answer computes the slips (only then): still a light calculator.
    { name: 'conv --answer (a slip)', argv: [bin, 'conv', '--h', '32', '--c', '3', '--k', '10', '--f', '5', '--p', '2', '--answer', 'output=31x31x10, params=750'], target: 1.3 },
    { name: 'lr --answer (a slip)', argv: [bin, 'lr', 'step', '--lr', '0.1', '--milestones', '30,60,90', '--at', '30', '--answer', '0.1'], target: 1.3 },
    { name: 'loss svm', argv: [bin, 'loss', 'svm', '--scores', '3.2,5.1,-1.7; 1.3,4.9,2.0; 2.2,2.5,-3.1', '--labels', '0,1,2'], target: 1.3 },
    { name: 'act gelu', argv: [bin, 'act', 'gelu', '--x', '1'], target: 1.3 },
    { name: 'act --plot', argv: [bin, 'act', 'relu,gelu,elu', '--plot'], target: 1.4 },
    { name: 'bn', argv: [bin, 'bn', '--x', '1,2; 2,-1; 4,0.5'], target: 1.3 },
    { name: 'knn', argv: [bin, 'knn', '--train', '1,1; 2,2; 5,5; 6,5', '--labels', '0,0,1,1', '--query', '3,3', '--k', '3'], target: 1.3 },
    // Issue #18: dlnotes' own expression parser and symbolic derivative replaced mathjs here (was 3x).
    { name: 'backprop', argv: [bin, 'backprop', '1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w=[2,-3,-3]', 'x=[-1,-2]'], target: 2 },
    { name: 'gradcheck', argv: [bin, 'gradcheck', 'x^3 + sin(x)*y', 'x=1.5', 'y=-2'], target: 2 },
    // Issue #18: what took over 20 s with mathjs' derivative (a product of 12 sigmoids, sin nested 22 deep).
    { name: 'gradcheck deep', argv: [bin, 'gradcheck', Array.from({ length: 12 }, (_, i) => `sigmoid(x${i})`).join('*'), ...Array.from({ length: 12 }, (_, i) => `x${i}=0.${i}`)], target: 2.5 },
    { name: 'optim --f deep', argv: [bin, 'optim', 'adam', '--f', `${'sin('.repeat(22)}w${')'.repeat(22)}`, '--w0', '0.7'], target: 2 },
    { name: 'backprop-matmul', argv: [bin, 'backprop', 'matmul', '--x', '1,2;3,4', '--w', '5,6;7,8'], target: 1.5 },
    { name: 'gate', argv: [bin, 'gate', 'mul', '--inputs', '3,-4', '--upstream', '2'], target: 1.3 },
    // --grads never loads the expression parser; --f does (and its derivative).
    { name: 'optim --grads', argv: [bin, 'optim', 'adam', '--grads', '0.5,-0.3,0.2', '--lr', '0.1'], target: 1.3 },
    { name: 'optim --f', argv: [bin, 'optim', 'adam', '--f', 'w^2 + 3*w', '--w0', '5', '--steps', '20'], target: 1.5 },
    { name: 'lr', argv: [bin, 'lr', 'cosine', '--lr', '0.1', '--total', '100', '--warmup', '5'], target: 1.3 },
    // Issue #17: drawing an architecture from memory; the diagrams are TypeScript data in the bundle.
    { name: 'diagram lstm', argv: [bin, 'diagram', 'lstm'], target: 1.3 },
    { name: 'diagram transformer-decoder --lang zh', argv: [bin, 'diagram', 'transformer-decoder', '--lang', 'zh'], target: 1.3 },
    // Issue #3: the largest zoo model, every one of its 515 layers in the table. The zoo is
    // TypeScript builders (no YAML parsed, the yaml package not loaded).
    { name: 'summary resnet152', argv: [bin, 'summary', 'resnet152'], target: 1.5 },
    { name: 'summary vgg16 --json', argv: [bin, 'summary', 'vgg16', '--json'], target: 1.5 },
    // Issue #12: the sequence calculators within 1.3x, the ViT summary (about 160 rows) within 1.5x.
    { name: 'params lstm', argv: [bin, 'params', 'lstm', '--input', '10', '--hidden', '20', '--layers', '2', '--bidirectional'], target: 1.3 },
    { name: 'params transformer', argv: [bin, 'params', 'transformer', '--vocab', '37000', '--tied'], target: 1.3 },
    { name: 'rnn', argv: [bin, 'rnn', '--kind', 'lstm', '--input', '10', '--hidden', '20', '--seq', '35', '--batch', '8'], target: 1.3 },
    { name: 'rnn step', argv: [bin, 'rnn', 'step', '--kind', 'lstm', '--x', '1,2', '--h', '0.5', '--w-ih', '0.1,0.2; 0.3,0.4; -0.1,0.5; 0.2,-0.3', '--w-hh', '0.5; -0.5; 0.1; 0.2'], target: 1.3 },
    { name: 'rnn bptt', argv: [bin, 'rnn', 'bptt', '--w', '0.5', '--x', '1,0.5,-1', '--forget', '0.9,0.95,0.8'], target: 1.3 },
    { name: 'attention', argv: [bin, 'attention', '--n', '128', '--d', '512', '--heads', '8'], target: 1.3 },
    { name: 'attention --q', argv: [bin, 'attention', '--q', '1,0; 0,1; 1,1', '--k', '1,0; 0,1; 1,1', '--v', '1; 2; 3', '--causal'], target: 1.3 },
    { name: 'summary vit_b_16', argv: [bin, 'summary', 'vit_b_16'], target: 1.5 },
    // Not in the issue: `net resnet` summarises six networks (about 1,300 layers) for its figures.
    { name: 'net resnet', argv: [bin, 'net', 'resnet'], target: 2 },
    { name: 'bank-stats-10k', argv: [bin, 'bank', 'stats', '--bank', bank, '--json'], target: 2.5, env, setup },
    { name: 'bank-show-10k', argv: [bin, 'bank', 'show', 'big5.q5001', '--bank', bank], target: 2.5, env, setup },
    // Issue #8: a 40-question mock exam over the shipped bank (warm cache), empty input: draw the
    // paper, show every question once (generated ones drawn), print the report. No target in the issue.
    { name: 'exam (40, empty input)', argv: [bin, 'exam', '--seed', '1', '--lang', 'en'], target: 3, env: studyEnv, setup: warmStudy },
    { name: 'exam --history', argv: [bin, 'exam', '--history'], target: 2, env: studyEnv, setup: warmStudy },
    { name: 'drill conv (empty input)', argv: [bin, 'drill', 'conv', '-n', '1', '--seed', '1', '--lang', 'en'], target: 2.5, env: studyEnv, setup: warmStudy },
    // Issue #13: the detection and segmentation calculators, each within 1.3x bare node.
    { name: 'iou', argv: [bin, 'iou', '--a', '0,0,4,4', '--b', '2,2,6,6'], target: 1.3 },
    { name: 'nms', argv: [bin, 'nms', '--boxes', '0,0,10,10; 1,1,11,11; 20,20,30,30; 2,0,12,10', '--scores', '0.9,0.8,0.7,0.95', '--iou', '0.5'], target: 1.3 },
    { name: 'box encode', argv: [bin, 'box', 'encode', '--anchor', '0,0,100,100', '--gt', '10,20,110,140'], target: 1.3 },
    { name: 'roi align', argv: [bin, 'roi', '--mode', 'align', '--feature', '1,2,3,4; 5,6,7,8; 9,10,11,12; 13,14,15,16', '--box', '0.6,0.6,3.2,3.4', '--out', '2', '--sampling-ratio', '2'], target: 1.3 },
    { name: 'anchors', argv: [bin, 'anchors', '--h', '38', '--w', '50'], target: 1.3 },
    { name: 'ap coco', argv: [bin, 'ap', '--tp', '1,0,1,1,0,1,0,0,1', '--gt', '8', '--method', 'coco'], target: 1.3 },
    // The multi-image evaluation: two files, three images, two classes, matched per image and class.
    { name: 'ap files (3 images, 2 classes)', argv: [bin, 'ap', '--dets', join(root, 'docs', 'examples', 'dets.txt'), '--gts', join(root, 'docs', 'examples', 'gts.txt')], target: 1.3 },
    { name: 'map ious', argv: [bin, 'map', '--ious', '0.92,0.81,0.55,0.4,0.77', '--gt', '6'], target: 1.3 },
    { name: 'miou', argv: [bin, 'miou', '--confusion', '50,2,3; 4,40,1; 0,5,30'], target: 1.3 },
    // Not in the issue: `net fcn`/`net deeplab` summarise a 520×520 segmentation model (about 200 layers) for their figures.
    { name: 'net faster-rcnn', argv: [bin, 'net', 'faster-rcnn'], target: 1.5 },
    { name: 'net deeplab', argv: [bin, 'net', 'deeplab'], target: 2 },
    { name: 'summary deeplabv3_resnet50', argv: [bin, 'summary', 'deeplabv3_resnet50'], target: 1.5 },
  ];
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  return [...cases, ...scaleCases(root, bin, work)];
}

/**
 * The study engine at the scale: 10,000 questions and 100,000 logged
 * reviews (made once, shared by these cases). The quiz's time to its first
 * question (line mode: until the first answer prompt is printed) and plan
 * within 2.5x node -e 0; exporting and importing the whole log within 5 s;
 * optimize within 30 s.
 */
function scaleCases(root, bin, work) {
  let made;
  const log = join(work, 'revlog.jsonl');
  const into = join(work, 'import-home');
  const setup = async () => {
    if (made) return;
    made = await quizScaleSetup(root);
    console.log(`  scale: ${made.log}`);
    const env = { ...process.env, DLNOTES_HOME: made.home, NO_COLOR: '1' };
    spawnSync(process.execPath, [bin, 'log', 'export', '--out', log], { env, stdio: 'ignore' });
    // The importing machine has the bank cached, as a student's would.
    spawnSync(process.execPath, [bin, 'bank', 'stats', '--bank', made.bank, '--json'], { env: { ...env, DLNOTES_HOME: into }, stdio: 'ignore' });
    process.on('exit', () => made.cleanup());
  };
  const mk = (name, args, extra = {}) => {
    const c = { name, argv: [], env: {}, target: 2.5, ...extra };
    c.setup = async () => {
      await setup();
      c.argv = [bin, ...args(made)];
      c.env = { DLNOTES_HOME: made.home, NO_COLOR: '1', ...(extra.home ? { DLNOTES_HOME: extra.home } : {}) };
    };
    return c;
  };
  // Six weeks after the log's last day.
  const exam = '2025-04-15T09:00';
  return [
    mk('quiz-scale', (m) => ['quiz', '--bank', m.bank, '--now', m.now, '--lang', 'en'], { until: /answer:/ }),
    mk('plan-scale', (m) => ['plan', '--bank', m.bank, '--now', m.now, '--exam', exam, '--lang', 'en']),
    mk('log export 100k', () => ['log', 'export', '--format', 'jsonl', '--out', join(work, 'again.jsonl')], { maxMs: 5000, runs: 3 }),
    mk('log import 100k', (m) => ['log', 'import', log, '--bank', m.bank], {
      maxMs: 5000, runs: 3, home: into,
      beforeEach: () => { for (const f of ['dlnotes.db', 'dlnotes.db-wal', 'dlnotes.db-shm']) rmSync(join(into, f), { force: true }); },
    }),
    mk('optimize 100k', (m) => ['optimize', '--bank', m.bank, '--now', m.now], { maxMs: 30000, runs: 2 }),
  ];
}
