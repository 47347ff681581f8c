import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson } from '../helpers/cli';

interface Report {
  classic: { family: string; year: number; title: string };
  model: string;
  models: Array<{ name: string; depth: number; params: number; macs: number; rf: number; jump: number }>;
  ideas: Array<{ title: string; text: string }>;
}

describe('dlnotes net', () => {
  it('explains VGG with computed figures: 27C² vs 49C², 16 layers, 138,357,544 parameters', () => {
    const r = dlnotes(['net', 'vgg']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^VGG \(2014\)/);
    expect(r.stdout).toMatch(/vgg16\s+16\s+138,357,544\s+15\.47 G\s+212\s+32/);
    expect(r.stdout).toContain('with 27C² weights instead of 49C² (C = 512: 7,077,888 vs 12,845,056');
    expect(r.stdout).toContain('Three 3×3 convs see 7×7 like one 7×7 conv');
  });

  it.each([
    ['alexnet', 'alexnet', 2012, ['ReLU', 'Dropout', 'Two GPUs', 'Local response normalisation (LRN)', 'Overlapping pooling', 'Data augmentation']],
    ['inception', 'googlenet', 2014, ['Inception module', '1×1 bottlenecks', 'Global average pooling, no big FC', 'Auxiliary classifiers']],
    ['resnet152', 'resnet', 2015, ['The degradation problem', 'Residual connections', 'Bottleneck blocks', 'BatchNorm everywhere', 'Global average pooling']],
    ['mobilenet-v2', 'mobilenet_v2', 2018, ['Depthwise separable convolutions', 'Inverted residuals', 'Linear bottlenecks']],
  ])('%s: the ideas the exam asks for', (name, family, year, titles) => {
    const { code, data } = dlnotesJson<Report>(['net', name]);
    expect(code).toBe(0);
    expect(data.classic).toMatchObject({ family, year });
    for (const t of titles) expect(data.ideas.map((i) => i.title)).toContain(t);
  });

  it('puts the model asked for first, with figures from the summary', () => {
    const { data } = dlnotesJson<Report>(['net', 'resnet152']);
    expect(data.model).toBe('resnet152');
    expect(data.models[0]).toEqual({ name: 'resnet152', depth: 152, params: 60_192_808, macs: 11_513_626_624, rf: 1451, jump: 32 });
    expect(data.ideas.find((i) => i.title === 'Bottleneck blocks')!.text).toContain('69,632 weights, against 1,179,648');
  });

  it('computes the Inception bottleneck saving', () => {
    const { data } = dlnotesJson<Report>(['net', 'googlenet']);
    expect(data.ideas.find((i) => i.title === '1×1 bottlenecks')!.text).toContain('costs 128.05 M MACs; without the reductions it would cost 303.46 M (2.4×)');
  });

  it('lists the classics', () => {
    const r = dlnotes(['net', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/resnet\s+ResNet\s+2015\s+resnet50, resnet18/);
  });

  it('rejects an unknown name with exit 2', () => {
    const r = dlnotes(['net', 'lenet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dlnotes: unknown network "lenet"; known: alexnet, vgg, googlenet, resnet, mobilenet_v2, faster-rcnn, mask-rcnn, yolo, ssd, fpn, fcn, unet, deeplab (or a model such as vgg16, resnet50)\n');
  });
});
