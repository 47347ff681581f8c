import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/core/net/analyse';
import { findNet, ZOO, zooNames } from '../../src/core/net/zoo/index';

/**
 * torchvision's published figures: `num_params` and `_ops` ("GFLOPS", which
 * are multiply-accumulates) of each model's IMAGENET1K_V1 weights, as in
 * torchvision/models/*.py and the model pages of pytorch.org/vision. The
 * docs' table prints _ops to two decimals; the source gives three.
 */
const PUBLISHED: Array<[string, number, number, number]> = [
  // [name, num_params, GFLOPS (2 decimals, docs), _ops (3 decimals, source)]
  ['alexnet', 61_100_840, 0.71, 0.714],
  ['vgg11', 132_863_336, 7.61, 7.609],
  ['vgg11_bn', 132_868_840, 7.61, 7.609],
  ['vgg13', 133_047_848, 11.31, 11.308],
  ['vgg13_bn', 133_053_736, 11.31, 11.308],
  ['vgg16', 138_357_544, 15.47, 15.47],
  ['vgg16_bn', 138_365_992, 15.47, 15.47],
  ['vgg19', 143_667_240, 19.63, 19.632],
  ['vgg19_bn', 143_678_248, 19.63, 19.632],
  ['resnet18', 11_689_512, 1.81, 1.814],
  ['resnet34', 21_797_672, 3.66, 3.664],
  ['resnet50', 25_557_032, 4.09, 4.089],
  ['resnet101', 44_549_160, 7.80, 7.801],
  ['resnet152', 60_192_808, 11.51, 11.514],
  ['googlenet', 6_624_904, 1.50, 1.498],
  ['mobilenet_v2', 3_504_872, 0.30, 0.301],
  // Attention's QKᵀ and weights·V counted: 12 layers × 2·197²·768 = 0.72 G of it (torchinfo counts them 0).
  ['vit_b_16', 86_567_656, 17.56, 17.564],
];

/**
 * The segmentation models' COCO_WITH_VOC_LABELS_V1 weights (torchvision/models/segmentation/fcn.py,
 * deeplabv3.py): num_params with the auxiliary head, and _ops at the 520×520 input of their transforms.
 */
const SEGMENTATION: Array<[string, number, number]> = [
  ['fcn_resnet50', 35_322_218, 152.717],
  ['deeplabv3_resnet50', 42_004_074, 178.722],
];

/** Sequence models of the course that are not torchvision's (tested in net-seq.test.ts). */
const NOT_TORCHVISION = ['transformer_base', 'lstm_lm'];

describe('the zoo against torchvision', () => {
  it('has exactly the published models', () => {
    expect(zooNames().filter((n) => !NOT_TORCHVISION.includes(n)).sort()).toEqual([...PUBLISHED, ...SEGMENTATION].map((p) => p[0]).sort());
  });

  it.each(SEGMENTATION)('%s: %i parameters (aux head included), %f GMACs at 520×520', (name, params, ops) => {
    const s = summarise(findNet(name)!.build());
    expect(s.totals.params).toBe(params);
    expect(Number((s.totals.macs / 1e9).toFixed(3))).toBe(ops);
    expect(s.output).toEqual({ c: 21, h: 520, w: 520, flat: false });
    // Output stride 8: layer4 keeps 65×65 through dilation.
    expect(s.blocks.find((b) => b.name === 'backbone.layer4')!.output).toMatchObject({ c: 2048, h: 65, w: 65 });
    // Without the auxiliary head (aux_loss=False): the FCNHead(1024, 21) on layer3 is 2,365,205 parameters.
    expect(s.blocks.find((b) => b.name === 'aux_classifier')!.params).toBe(9 * 1024 * 256 + 2 * 256 + 256 * 21 + 21);
  });

  it.each(PUBLISHED)('%s: %i parameters, %f GMACs', (name, params, gmacs2, gmacs3) => {
    const s = summarise(findNet(name)!.build());
    expect(s.totals.params).toBe(params);
    expect(Number((s.totals.macs / 1e9).toFixed(2))).toBe(gmacs2);
    expect(Number((s.totals.macs / 1e9).toFixed(3))).toBe(gmacs3);
    expect(s.totals.flops).toBe(2 * s.totals.macs);
    expect(s.output).toEqual({ c: 1000, h: 1, w: 1, flat: true });
  });

  // Exact MACs with torchvision's counting (conv + linear), computed by hand for the small ones:
  // AlexNet: 55²·64·363 + 27²·192·1600 + 13²·384·1728 + 13²·256·3456 + 13²·256·2304 + 9216·4096 + 4096² + 4096·1000.
  it.each([
    ['alexnet', 714_188_480],
    ['vgg16', 15_470_264_320],
    ['resnet18', 1_814_073_344],
    ['resnet50', 4_089_184_256],
  ])('%s: exactly %i MACs', (name, macs) => {
    expect(summarise(findNet(name)!.build()).totals.macs).toBe(macs);
  });

  it.each([
    // depth = conv + linear layers on the longest path: the numbers in the names, GoogLeNet's 22, MobileNetV2's 53
    ['alexnet', 8], ['vgg11', 11], ['vgg13_bn', 13], ['vgg16', 16], ['vgg19', 19],
    ['resnet18', 18], ['resnet34', 34], ['resnet50', 50], ['resnet101', 101], ['resnet152', 152],
    ['googlenet', 22], ['mobilenet_v2', 53],
  ])('%s is %i layers deep', (name, depth) => {
    expect(summarise(findNet(name)!.build()).totals.depth).toBe(depth);
  });

  it('finds names case-insensitively, with - or nothing for _', () => {
    expect(findNet('VGG16_BN')!.name).toBe('vgg16_bn');
    expect(findNet('vgg16-bn')!.name).toBe('vgg16_bn');
    expect(findNet('ResNet-50')!.name).toBe('resnet50');
    expect(findNet('mobilenet-v2')!.name).toBe('mobilenet_v2');
    expect(findNet('MobileNetV2')!.name).toBe('mobilenet_v2');
    expect(findNet('vgg17')).toBeUndefined();
  });

  it('builds every model in a few milliseconds (no YAML at startup)', () => {
    for (const e of ZOO) expect(e.build().layers.length).toBeGreaterThan(1);
  });
});

describe('receptive fields of the zoo', () => {
  it('VGG-16 after pool5: rf 212, jump 32, effective padding 90 = Σ p·j = 2 + 4 + 12 + 24 + 48 (by hand)', () => {
    const s = summarise(findNet('vgg16')!.build());
    expect(s.featureRf!.name).toBe('features.30');
    expect(s.featureRf!.h).toMatchObject({ rf: 212, jump: 32, padding: 90 });
  });
  it('AlexNet (torchvision) after the last pool: rf 195, jump 32', () => {
    const s = summarise(findNet('alexnet')!.build());
    expect(s.featureRf!.h).toMatchObject({ rf: 195, jump: 32 });
  });
  it.each([
    // computed with the Distill recurrences through the blocks; checked against pixel dependencies in test/property
    ['resnet18', 435], ['resnet50', 427], ['mobilenet_v2', 491],
  ])('%s: rf %i, jump 32', (name, rf) => {
    const s = summarise(findNet(name)!.build());
    expect(s.featureRf!.h).toMatchObject({ rf, jump: 32 });
  });
});

describe('the zoo is written in the spec format', () => {
  it.each(ZOO.map((e) => [e.name]))('%s: every layer is what normaliseLayer makes of it', async (name) => {
    const { isBlock, normaliseLayer } = await import('../../src/core/spec');
    type Node = ReturnType<typeof findNet> extends infer E ? E extends { build: () => { layers: Array<infer L> } } ? L : never : never;
    const walk = (nodes: Node[]): number => nodes.reduce((n, l) => {
      if (!isBlock(l)) {
        expect(normaliseLayer(l.kind, l.args, l.where, undefined, l.name)).toEqual(l);
        return n + 1;
      }
      return n + walk([...(l.body ?? []), ...(l.shortcut ?? []), ...(l.post ?? []), ...(l.branches ?? []).flat()]);
    }, 0);
    expect(walk(findNet(name)!.build().layers)).toBeGreaterThanOrEqual(5);
  });
});
