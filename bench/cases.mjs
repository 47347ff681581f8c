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
  const cases = [
    { name: 'loss svm', argv: [bin, 'loss', 'svm', '--scores', '3.2,5.1,-1.7; 1.3,4.9,2.0; 2.2,2.5,-3.1', '--labels', '0,1,2'], target: 1.3 },
    { name: 'act gelu', argv: [bin, 'act', 'gelu', '--x', '1'], target: 1.3 },
    { name: 'act --plot', argv: [bin, 'act', 'relu,gelu,elu', '--plot'], target: 1.4 },
    { name: 'bn', argv: [bin, 'bn', '--x', '1,2; 2,-1; 4,0.5'], target: 1.3 },
    { name: 'knn', argv: [bin, 'knn', '--train', '1,1; 2,2; 5,5; 6,5', '--labels', '0,0,1,1', '--query', '3,3', '--k', '3'], target: 1.3 },
    // mathjs (number-only entry, parse + derivative) loads here: at most 3x bare node.
    { name: 'backprop', argv: [bin, 'backprop', '1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w=[2,-3,-3]', 'x=[-1,-2]'], target: 3 },
    { name: 'gradcheck', argv: [bin, 'gradcheck', 'x^3 + sin(x)*y', 'x=1.5', 'y=-2'], target: 3 },
    { name: 'backprop-matmul', argv: [bin, 'backprop', 'matmul', '--x', '1,2;3,4', '--w', '5,6;7,8'], target: 1.5 },
    { name: 'gate', argv: [bin, 'gate', 'mul', '--inputs', '3,-4', '--upstream', '2'], target: 1.3 },
    // --grads never loads mathjs; --f does (its derivative), hence the looser target.
    { name: 'optim --grads', argv: [bin, 'optim', 'adam', '--grads', '0.5,-0.3,0.2', '--lr', '0.1'], target: 1.3 },
    { name: 'optim --f', argv: [bin, 'optim', 'adam', '--f', 'w^2 + 3*w', '--w0', '5', '--steps', '20'], target: 3 },
    { name: 'lr', argv: [bin, 'lr', 'cosine', '--lr', '0.1', '--total', '100', '--warmup', '5'], target: 1.3 },
    // Issue #17: drawing an architecture from memory; the diagrams are TypeScript data in the bundle.
    { name: 'diagram lstm', argv: [bin, 'diagram', 'lstm'], target: 1.3 },
    { name: 'diagram transformer-decoder --lang zh', argv: [bin, 'diagram', 'transformer-decoder', '--lang', 'zh'], target: 1.3 },
    // Issue #3: the largest zoo model, every one of its 515 layers in the table. The zoo is
    // TypeScript builders (no YAML parsed, the yaml package not loaded).
    { name: 'summary resnet152', argv: [bin, 'summary', 'resnet152'], target: 1.5 },
    { name: 'summary vgg16 --json', argv: [bin, 'summary', 'vgg16', '--json'], target: 1.5 },
    // Not in the issue: `net resnet` summarises six networks (about 1,300 layers) for its figures.
    { name: 'net resnet', argv: [bin, 'net', 'resnet'], target: 2 },
    { name: 'bank-stats-10k', argv: [bin, 'bank', 'stats', '--bank', bank, '--json'], target: 2.5, env, setup },
    { name: 'bank-show-10k', argv: [bin, 'bank', 'show', 'big5.q5001', '--bank', bank], target: 2.5, env, setup },
    // Issue #8: a 40-question mock exam over the shipped bank (warm cache), empty input: draw the
    // paper, show every question once (generated ones drawn), print the report. No target in the issue.
    { name: 'exam (40, empty input)', argv: [bin, 'exam', '--seed', '1', '--lang', 'en'], target: 3, env: studyEnv, setup: warmStudy },
    { name: 'exam --history', argv: [bin, 'exam', '--history'], target: 2, env: studyEnv, setup: warmStudy },
    { name: 'drill conv (empty input)', argv: [bin, 'drill', 'conv', '-n', '1', '--seed', '1', '--lang', 'en'], target: 2.5, env: studyEnv, setup: warmStudy },
  ];
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  return [...cases, quizScaleCase(root, bin)];
}

/**
 * Time to the first question with 10,000 questions and 100,000 logged reviews
 * (line mode: until the first answer prompt is printed). Target 2.5x node -e 0.
 */
function quizScaleCase(root, bin) {
  const scale = { name: 'quiz-scale', argv: [], target: 2.5, env: {}, until: /answer:/ };
  let made;
  scale.setup = async () => {
    made = await quizScaleSetup(root);
    console.log(`  quiz-scale: ${made.log}`);
    scale.argv = [bin, 'quiz', '--bank', made.bank, '--now', made.now, '--lang', 'en'];
    scale.env = { DLNOTES_HOME: made.home, NO_COLOR: '1' };
  };
  scale.teardown = async () => made?.cleanup();
  return scale;
}
