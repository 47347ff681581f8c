/**
 * Every generated problem, checked against an oracle that is not the
 * generator: its calculator command (GeneratedProblem.command) run through
 * the built CLI. Hundreds of draws per run go through ONE process
 * (dlnotesBatch), over many seeds and every option value a bank entry may
 * pass. A generator that computes its answer from other parameters than the
 * ones its prompt and command state (a conv-params answer with the bias while
 * the prompt says bias=False) fails here.
 *
 * A new generator fails the "every generator has an oracle" test until it
 * gets an entry in ORACLES: how to read its answer from the command's --json.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/random';
import { GENERATORS } from '../../src/quiz/generators/index';
import type { GeneratedProblem, Generator } from '../../src/quiz/generators/types';
import { argvOf, dlnotesBatch, type RunResult } from '../helpers/cli';

type Json = Record<string, unknown>;
type Params = Record<string, unknown>;
/** Reads the answer a problem asks for from its command's --json output: one number, or a tuple in the first accepted order. */
type Oracle = (json: Json, params: Params) => number | number[];

const num = (v: unknown): number => {
  if (typeof v !== 'number') throw new Error(`not a number: ${JSON.stringify(v)}`);
  return v;
};
const at = (v: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], v);

const ORACLES: Record<string, Oracle> = {
  'conv-output-size': (d) => [num(at(d, 'output', 'h')), num(at(d, 'output', 'w')), num(at(d, 'output', 'c'))],
  'conv-params': (d) => num(d.params),
  'conv-macs': (d) => num(d.macs),
  'conv-memory': (d) => num(at(d, 'memory', 'bytes')) / 1024,
  'pool-output-size': (d) => num(at(d, 'output', 'h')),
  'rf-stack': (d) => num(d.rf),
  'params-stack-vs-single': (d) => [num(d.stackWeights), num(d.singleWeights)],
  'backprop-expr': (d, p) => num(at(d, 'grads', p.target as string)),
  'backprop-gate': (d, p) => (p.gate === 'copy' ? num(at(d, 'downstream', 'dx')) : [num(at(d, 'downstream', 'dx')), num(at(d, 'downstream', 'dy'))]),
  'matmul-grad': (d, p) => num(at(d, p.of === 'x' ? 'dX' : 'dW', (p.row as number) - 1, (p.col as number) - 1)),
  'svm-loss': (d) => num(d.loss),
  'softmax-loss': (d, p) => (p.ask === 'prob' ? num(at(d, 'probs', 0, p.label as number)) : num(d.loss)),
  'act-grad': (d, p) => num(p.ask === 'grad' ? d.grad : d.value),
  'bn-train': (d, p) => {
    switch (p.ask) {
      case 'y': return num(at(d, 'y', (p.sample as number) - 1, 0));
      case 'mean': return num(at(d, 'mean', 0));
      case 'var': return num(at(d, 'var', 0));
      case 'running_var': return num(at(d, 'running_var', 0));
      default: throw new Error(`bn-train: unknown ask ${String(p.ask)}`);
    }
  },
  'knn-vote': (d) => Number(d.prediction),
  'optim-sgd': (d) => num(d.w),
  'optim-momentum': (d) => num(d.w),
  'optim-rmsprop': (d) => num(d.w),
  'optim-adagrad': (d) => num(d.w),
  'optim-adam': (d) => num(d.w),
  'optim-adamw': (d) => num(d.w),
  'lr-schedule': (d) => num(d.value),
  // ---- sequence models (dlnotes params rnn/mha/…, rnn step, rnn bptt, attention)
  'rnn-params': (d, p) => num(p.ask === 'single' ? d.singleBias : d.params),
  'mha-params': (d) => num(d.params),
  'lstm-step': (d, p) => num(at(d, p.ask === 'c' ? 'c' : 'h', 0)),
  'gru-step': (d) => num(at(d, 'h', 0)),
  'bptt-factor': (d) => num(at(d, 'rnn', 'grad')),
  'attention-weights': (d, p) =>
    num(p.ask === 'output' ? at(d, 'output', (p.row as number) - 1, 0) : at(d, 'weights', (p.row as number) - 1, (p.col as number) - 1)),
  'attention-cost': (d, p) => {
    switch (p.ask) {
      case 'scores': return num(at(d, 'macs', 'scores'));
      case 'macs': return num(at(d, 'macs', 'total'));
      case 'memory': return num(at(d, 'attentionMatrix', 'bytes'));
      default: throw new Error(`attention-cost: unknown ask ${String(p.ask)}`);
    }
  },
  // ---- detection and segmentation (dlnotes iou/nms/box/roi/ap/anchors/miou/conv/summary)
  'iou-boxes': (d) => num(d.iou),
  'nms-keep': (d) => (d.keep as unknown[]).map(num),
  'box-target': (d) => (d.t as unknown[]).map(num),
  // params.row and params.col count from 0 here (the prompt says row + 1).
  'roi-align-value': (d, p) => num(at(d, 'output', p.row as number, p.col as number)),
  'ap-ranked': (d) => num(d.ap),
  'ap-images': (d) => num(d.map),
  // The command lists detections by rank; the answer gives TP/FP in index order.
  'ap-match': (d) => {
    const dets = at(d, 'match', 'detections') as Array<{ index: number; tp: boolean }>;
    return [...dets].sort((a, b) => a.index - b.index).map((x) => Number(x.tp));
  },
  // objectness is N×C×H×W for one image; the problem asks C×H×W.
  'anchors-count': (d, p) => (p.ask === 'objectness' ? (at(d, 'rpn_head', 'objectness') as unknown[]).slice(1).map(num) : num(d.total)),
  'miou-confusion': (d) => num(d.miou),
  'fcn-upsample': (d) => num(at(d, 'output', 'h')),
  // The side length after the last block of layer4 (layer4.2.relu3 in ResNet-50).
  'seg-output-stride': (d, p) => {
    const rows = (d.layers as Array<{ name: string; output: number[] }>).filter((l) => l.name.startsWith(`${p.layer as string}.`));
    if (rows.length === 0) throw new Error(`seg-output-stride: no layer under ${String(p.layer)}`);
    return num(rows[rows.length - 1]!.output[1]);
  },
};

/**
 * Flags that change the answer without a number: the prompt must say so in
 * both languages exactly when the command carries the flag.
 */
const FLAG_WORDS: Record<string, Array<{ flag: RegExp; en: RegExp; zh: RegExp }>> = {
  'conv-params': [
    { flag: /--no-bias/, en: /bias=False/, zh: /bias=False/ },
    { flag: /--groups/, en: /depthwise/, zh: /深度卷积/ },
  ],
  'pool-output-size': [{ flag: /--ceil/, en: /ceil_mode=True/, zh: /ceil_mode=True/ }],
  'svm-loss': [{ flag: /--squared/, en: /\)²/, zh: /\)²/ }],
  'rnn-params': [
    { flag: /^dlnotes params rnn /, en: /^nn\.RNN\(/, zh: /^nn\.RNN\(/ },
    { flag: /^dlnotes params lstm /, en: /^nn\.LSTM\(/, zh: /^nn\.LSTM\(/ },
    { flag: /^dlnotes params gru /, en: /^nn\.GRU\(/, zh: /^nn\.GRU\(/ },
    { flag: /--bidirectional/, en: /bidirectional=True/, zh: /bidirectional=True/ },
  ],
  'mha-params': [
    { flag: /^dlnotes params mha /, en: /nn\.MultiheadAttention\(/, zh: /nn\.MultiheadAttention\(/ },
    { flag: /^dlnotes params encoder-layer /, en: /nn\.TransformerEncoderLayer\(/, zh: /nn\.TransformerEncoderLayer\(/ },
    { flag: /^dlnotes params decoder-layer /, en: /nn\.TransformerDecoderLayer\(/, zh: /nn\.TransformerDecoderLayer\(/ },
  ],
  'attention-weights': [{ flag: /--causal/, en: /causal mask/, zh: /因果掩码/ }],
  'iou-boxes': [
    { flag: /--format xywh/, en: /\(x, y, w, h\)/, zh: /\(x, y, w, h\)/ },
    { flag: /--pixel/, en: /VOC pixel convention/, zh: /VOC 的像素约定/ },
  ],
  'roi-align-value': [{ flag: /--aligned/, en: /aligned = True/, zh: /aligned = True/ }],
  'fcn-upsample': [{ flag: /--transpose/, en: /ConvTranspose2d/, zh: /ConvTranspose2d/ }],
  // The AP method is a name (its digits are no numbers of the problem): the prompt must name the same one.
  'ap-ranked': [
    { flag: /--method voc07/, en: /VOC2007's 11-point/, zh: /VOC2007 的 11 点/ },
    { flag: /--method voc12/, en: /VOC2010\+ all-point/, zh: /VOC2010 起的全点/ },
    { flag: /--method coco/, en: /COCO's 101-point/, zh: /COCO 的 101 点/ },
  ],
  'ap-images': [{ flag: /--method voc12/, en: /VOC2010\+ all-point/, zh: /VOC2010 起的全点/ }],
  // The network is a name too: the prompt must describe the one the command summarises.
  'seg-output-stride': [
    { flag: /summary fcn_resnet50 /, en: /fcn_resnet50 \(a ResNet-50 backbone with replace_stride_with_dilation=\[False, True, True\]\)/, zh: /fcn_resnet50（骨干 ResNet-50，replace_stride_with_dilation=\[False, True, True\]）/ },
    { flag: /summary resnet50 /, en: /plain ResNet-50 \(no dilation\)/, zh: /普通的 ResNet-50（不使用膨胀卷积）/ },
  ],
};

/**
 * Numbers of the command the prompt need not state: defaults that do not
 * change the answer, or constants the prompt gives in words.
 */
const UNSTATED: Record<string, (command: string) => string> = {
  // Padding does not change a receptive field (the prompt gives kernel and stride).
  'rf-stack': (c) => c.replace(/ p=\d+/g, ''),
  // Step and a₀/√t schedules have no length: --total only sets how many values the calculator tabulates.
  'lr-schedule': (c) => (/^dlnotes lr (step|inverse-sqrt) /.test(c) ? c.replace(/--total \d+/, '') : c),
  // ε only guards a division: the prompts leave it out, as exam questions do.
  'optim-rmsprop': (c) => c.replace(/--eps \S+/, ''),
  'optim-adagrad': (c) => c.replace(/--eps \S+/, ''),
  'optim-adam': (c) => c.replace(/--eps \S+/, ''),
  'optim-adamw': (c) => c.replace(/--eps \S+/, ''),
  // The prompt lists the ranked detections as the words TP/FP, which --tp writes 1/0; the
  // method's name (voc07, voc12) holds digits that are no number of the problem (FLAG_WORDS checks the name).
  'ap-ranked': (c) => c.replace(/--tp \S+/, '').replace(/--method \S+/, ''),
  // The method is stated in words (FLAG_WORDS): its name's digits are not numbers of the problem.
  'ap-images': (c) => c.replace(/--method \S+/, ''),
  // The network's name (resnet50) is checked by FLAG_WORDS; the image's 3 (RGB) channels do not
  // change a side length, and the prompt says "image" as exam questions do.
  'seg-output-stride': (c) => c.replace(/^dlnotes summary \S+/, 'dlnotes summary').replace(/--input 3x/, '--input '),
};

const SEEDS = Array.from({ length: 40 }, (_, i) => i * 104729 + 11);
const OPTION_SEEDS = SEEDS.slice(0, 8);

/** Every option value a bank entry may pass: each boolean both ways, each listed string, a few integers. */
function optionVariants(g: Generator): Params[] {
  const variants: Params[] = [];
  for (const [key, type] of Object.entries(g.options ?? {})) {
    const values: unknown[] = Array.isArray(type) ? type : type === 'boolean' ? [true, false] : type === 'integer' ? [1, 2, 3, 5] : type === 'number' ? [0.5, 2] : [];
    for (const v of values) variants.push({ [key]: v });
  }
  return variants;
}

interface Draw {
  g: Generator;
  seed: number;
  options: Params;
  p: GeneratedProblem;
}

const DRAWS: Draw[] = [];
for (const g of GENERATORS.values()) {
  for (const seed of SEEDS) DRAWS.push({ g, seed, options: {}, p: g.generate(seededRng(seed), {}) });
  for (const options of optionVariants(g)) {
    for (const seed of OPTION_SEEDS) DRAWS.push({ g, seed, options, p: g.generate(seededRng(seed), options) });
  }
}

/** The numbers a text states, with the minus signs a prompt may use. */
function numbersIn(text: string): number[] {
  return [...text.replace(/[−–]/g, '-').matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));
}

function expectedAnswer(p: GeneratedProblem): number | number[] {
  if (p.expected.kind === 'number') return p.expected.value;
  if (p.expected.kind === 'tuple') return p.expected.orders[0]!;
  throw new Error('a generated choice question has no calculator answer');
}

function closeTo(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('generated problems against their calculator command (built CLI, one process)', () => {
  let results: RunResult[] = [];

  beforeAll(() => {
    results = dlnotesBatch(DRAWS.map((d) => [...argvOf(d.p.command!), '--json']), { env: { DLNOTES_LANG: 'en' } });
  }, 120_000);

  it('every generator has an oracle and a command, and the draws cover it', () => {
    const ids = [...GENERATORS.keys()];
    expect(ids.filter((id) => !(id in ORACLES)), 'generators without an oracle in ORACLES').toEqual([]);
    expect(Object.keys(ORACLES).filter((id) => !GENERATORS.has(id)), 'oracles for generators that no longer exist').toEqual([]);
    for (const d of DRAWS) expect(d.p.command, `${d.g.id} seed ${d.seed}`).toMatch(/^dlnotes /);
    for (const id of ids) expect(DRAWS.filter((d) => d.g.id === id).length).toBeGreaterThanOrEqual(SEEDS.length);
    expect(results).toHaveLength(DRAWS.length);
  });

  describe.each([...GENERATORS.keys()])('%s', (id) => {
    const mine = (): Array<Draw & { r: RunResult }> => DRAWS.flatMap((d, i) => (d.g.id === id ? [{ ...d, r: results[i]! }] : []));

    it('its answer is what the command computes, for every draw', () => {
      let checked = 0;
      for (const { seed, options, p, r } of mine()) {
        const where = `${id} seed ${seed} ${JSON.stringify(options)}: ${p.command}`;
        expect(r.code, `${where}\n${r.stderr}`).toBe(0);
        const json = JSON.parse(r.stdout) as Json;
        const want = ORACLES[id]!(json, p.params);
        const got = expectedAnswer(p);
        if (Array.isArray(want)) {
          expect(Array.isArray(got), where).toBe(true);
          expect((got as number[]).length, where).toBe(want.length);
          (got as number[]).forEach((g, i) => expect(closeTo(g, want[i]!), `${where}: element ${i} is ${g}, the command says ${want[i]}`).toBe(true));
        } else {
          expect(typeof got, where).toBe('number');
          expect(closeTo(got as number, want), `${where}: the problem says ${String(got)}, the command says ${want}`).toBe(true);
        }
        checked += 1;
      }
      expect(checked).toBeGreaterThanOrEqual(SEEDS.length);
    });

    it('its prompt states the numbers and switches its command uses, in both languages', () => {
      for (const { seed, p } of mine()) {
        const command = (UNSTATED[id] ?? ((c: string) => c))(p.command!);
        // The numbers the command passes (flag values, matrix entries, name=value pairs), not the flag names.
        const given = numbersIn(command.replace(/--[a-z][\w-]*/g, ' ').replace(/\b[a-z]\w*(?==)/g, ' '));
        for (const lang of ['en', 'zh'] as const) {
          const stated = new Set(numbersIn(p.prompt[lang]));
          const missing = given.filter((n) => !stated.has(n));
          expect(missing, `${id} seed ${seed} (${lang}): ${p.command}\n${p.prompt[lang]}`).toEqual([]);
        }
        for (const w of FLAG_WORDS[id] ?? []) {
          const on = w.flag.test(p.command!);
          expect(w.en.test(p.prompt.en), `${id} seed ${seed}: ${p.command}\n${p.prompt.en}`).toBe(on);
          expect(w.zh.test(p.prompt.zh), `${id} seed ${seed}: ${p.command}\n${p.prompt.zh}`).toBe(on);
        }
      }
    });
  });
});
