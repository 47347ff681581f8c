import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson, lazyTable } from '../helpers/cli';

describe('dlnotes conv', () => {
  it('prints the worked solution by default', () => {
    const r = dlnotes(['conv', '--h', '32', '--f', '5', '--s', '1', '--p', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("H' = (H − F_H + 2P)/S + 1");
    expect(r.stdout).toContain('= (32 − 5 + 2·2)/1 + 1');
    expect(r.stdout).toContain("H' = 32");
    expect(r.stderr).toBe('');
  });

  it('JSON has output, params, weights, biases, macs, exact', () => {
    const { code, data } = dlnotesJson(['conv', '--h', '32', '--c', '3', '--k', '10', '--f', '5', '--p', '2']);
    expect(code).toBe(0);
    expect(data).toMatchObject({ output: { h: 32, w: 32, c: 10 }, params: 760, weights: 750, biases: 10, macs: 768000, flops: 1536000, exact: true, activations: 10240 });
  });

  it('JSON leaves out what the inputs do not allow', () => {
    const { data } = dlnotesJson(['conv', '--h', '10', '--f', '3', '--s', '2']);
    expect(data.output).toEqual({ h: 4, w: 4 });
    expect(data.exact).toBe(false);
    expect(data.raw).toEqual({ h: 4.5, w: 4.5 });
    expect(data).not.toHaveProperty('params');
  });

  it('says when the stride does not tile the input, and what PyTorch does', () => {
    const r = dlnotes(['conv', '--h', '10', '--f', '3', '--s', '2']);
    expect(r.stdout).toContain('4.5 is not an integer: this setting does not tile the input');
    expect(r.stdout).toContain('PyTorch floors');
  });

  it.each([
    [['--answer', '32'], 0],
    [['--answer', '32x32x10'], 0],
    [['--answer', '10x32x32'], 0],
    [['--answer', 'params=760'], 0],
    [['--answer', 'output=32x32x10, params=760, macs=768000'], 0],
    [['--answer', '28'], 1],
    [['--answer', 'params=750'], 1],
    [['--answer', 'output=32x32x10, params=750'], 1],
  ])('--answer %j exits %i', (args, code) => {
    const r = dlnotes(['conv', '--h', '32', '--c', '3', '--k', '10', '--f', '5', '--p', '2', ...args]);
    expect(r.code).toBe(code);
    if (code === 0) {
      expect(r.stdout).toMatch(/^✓/);
      expect(r.stdout).not.toContain('Conv2d layer');
    } else {
      expect(r.stdout).toContain('✗');
      expect(r.stdout).toContain('Conv2d layer'); // the worked solution follows a wrong answer
    }
  });

  it('--answer with --json folds the verdict into the JSON', () => {
    const r = dlnotes(['conv', '--h', '32', '--f', '5', '--p', '2', '--answer', '30', '--json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    expect(data.answer.correct).toBe(false);
    expect(data.answer.checks[0]).toMatchObject({ ok: false, expected: '32', given: '30' });
  });

  it('transposed convolution', () => {
    const { data } = dlnotesJson(['conv', '--h', '7', '--c', '64', '--k', '32', '--f', '3', '--s', '2', '--p', '1', '--transpose', '--output-padding', '1']);
    expect(data.output).toEqual({ h: 14, w: 14, c: 32 });
  });

  const BAD_CONV = lazyTable([
    [['conv', '--h', 'abc', '--f', '3'], /^dlnotes: --h: expected a positive integer, got "abc"\n$/],
    [['conv', '--h', '-3', '--f', '3'], /--h: expected a positive integer, got -3/],
    [['conv', '--h', '32', '--f', '3', '--s', '0'], /--s: expected a positive integer, got 0/],
    [['conv', '--h', '3', '--f', '5'], /--f: the kernel \(extent 5\) is larger than the padded input/],
    [['conv', '--f', '3'], /--h is required/],
    [['conv', '--h', '32'], /--f is required/],
    [['conv', '--h', '32', '--f', '3', '--p', 'full'], /--p: expected a non-negative integer, got "full"/],
    [['conv', '--h', '32', '--f', '3', '--s', '2', '--p', 'same'], /--p: padding='same' is not supported/],
    [['conv', '--h', '32', '--f', '3', '--c', '10', '--k', '8', '--groups', '4'], /--groups: input channels \(10\) must be divisible by groups \(4\)/],
    [['conv', '--h', '32', '--f', '3', '--answer', 'foo=3'], /--answer: cannot check "foo"/],
    [['conv', '--h', '32', '--f', '3', '--bogus'], /unknown option '--bogus'/],
    [['conv', '--h', '4', '--f', '3', '--s', '1', '--transpose', '--output-padding', '1'], /--output-padding: PyTorch requires output padding to be smaller/],
  ]);
  it.each(BAD_CONV.rows)('bad input %j: one line, exit 2', (args, message) => {
    const r = BAD_CONV.of(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});

describe('dlnotes pool', () => {
  it('ceil mode as PyTorch', () => {
    expect(dlnotesJson(['pool', '--h', '5', '--f', '2', '--ceil']).data.output).toEqual({ h: 3, w: 3 });
    expect(dlnotesJson(['pool', '--h', '5', '--f', '2']).data.output).toEqual({ h: 2, w: 2 });
    const dropped = dlnotesJson(['pool', '--h', '3', '--f', '2', '--p', '1', '--ceil']).data;
    expect(dropped.output).toEqual({ h: 2, w: 2 });
    expect(dropped.dropped_last_window).toBe(true);
  });
  it('explains the dropped window', () => {
    expect(dlnotes(['pool', '--h', '3', '--f', '2', '--p', '1', '--ceil']).stdout).toContain('PyTorch drops it');
  });
  it('--answer', () => {
    expect(dlnotes(['pool', '--h', '112', '--f', '3', '--s', '2', '--p', '1', '--answer', '56']).code).toBe(0);
    expect(dlnotes(['pool', '--h', '112', '--f', '3', '--s', '2', '--p', '1', '--answer', '55']).code).toBe(1);
  });
  it('padding more than half the window is an error', () => {
    const r = dlnotes(['pool', '--h', '8', '--f', '2', '--p', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--p: PyTorch requires pooling padding to be at most half the kernel size/);
  });
});

describe('dlnotes params', () => {
  it('conv, fc, bn, stack, separable', () => {
    expect(dlnotesJson(['params', 'conv', '--f', '5', '--c', '3', '--k', '10']).data.params).toBe(760);
    expect(dlnotesJson(['params', 'fc', '--in', '25088', '--out', '4096']).data.params).toBe(102764544);
    expect(dlnotesJson(['params', 'bn', '--c', '64']).data.params).toBe(128);
    const stack = dlnotesJson(['params', 'stack', '--n', '3', '--f', '3', '--c', '64']).data;
    expect([stack.stackCoeff, stack.singleCoeff]).toEqual([27, 49]);
    expect(dlnotesJson(['params', 'separable', '--f', '3', '--c', '32', '--k', '64', '--no-bias']).data.separable).toBe(2336);
  });
  it('shows 27C² vs 49C²', () => {
    expect(dlnotes(['params', 'stack', '--c', '64']).stdout).toContain('27C² vs 49C²');
  });
  it('--answer and bad kinds', () => {
    expect(dlnotes(['params', 'conv', '--f', '5', '--c', '3', '--k', '10', '--answer', '760']).code).toBe(0);
    expect(dlnotes(['params', 'conv', '--f', '5', '--c', '3', '--k', '10', '--answer', '750']).code).toBe(1);
    const r = dlnotes(['params', 'lstm', '--c', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown layer kind "lstm"; expected one of conv, fc, bn, stack, separable/);
    expect(dlnotes(['params', 'conv', '--f', '3', '--k', '10']).stderr).toMatch(/--c is required/);
  });
});

describe('dlnotes rf', () => {
  it('inline stack with sizes', () => {
    const { code, data } = dlnotesJson(['rf', '--layers', 'conv k=3 s=1 p=1; maxpool k=2 s=2; conv k=3 d=2', '--input', '32']);
    expect(code).toBe(0);
    expect(data).toMatchObject({ rf: 12, stride: 2, padding: 1, start: 4.5 });
    const layers = data.layers as Array<Record<string, number>>;
    expect(layers.map((l) => [l.rf, l.jump, l.start, l.size])).toEqual([[3, 1, 0, 32], [4, 2, 0.5, 16], [12, 2, 4.5, 12]]);
  });
  it('prints a table and the worked recurrences', () => {
    const r = dlnotes(['rf', '--layers', 'conv k=3; conv k=3; conv k=3']);
    expect(r.stdout).toMatch(/conv3\s+conv\s+3\s+1\s+1\s+0\s+7\s+1\s+3/);
    expect(r.stdout).toContain('r = 5 + (3−1)·1 = 7');
    expect(r.stdout).toContain('Closed form: r = 1 + Σ_l (k_l − 1)·Π_{i<l} s_i = 1 + (3−1)·1 + (3−1)·1 + (3−1)·1 = 7');
  });
  it('--spec file', () => {
    const { data } = dlnotesJson(['rf', '--spec', 'test/fixtures/specs/small.yaml']);
    expect(data.input).toEqual({ h: 32, w: 32 });
    const names = (data.layers as Array<{ name: string }>).map((l) => l.name);
    expect(names).toEqual(['conv1', 'relu1', 'pool1', 'conv2', 'relu2', 'pool2', 'flatten1', 'fc1']);
    expect(data.rf).toBe(32); // the fc layer sees the whole input
  });
  it('--answer', () => {
    expect(dlnotes(['rf', '--layers', 'conv k=3; conv k=3; conv k=3', '--answer', '7']).code).toBe(0);
    const wrong = dlnotes(['rf', '--layers', 'conv k=3; conv k=3; conv k=3', '--answer', 'rf=9']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('the answer is 7');
  });
  const BAD_RF = lazyTable([
    [['rf', '--spec', 'test/fixtures/specs/bad-key.yaml'], /^dlnotes: test\/fixtures\/specs\/bad-key\.yaml:4:32: maxpool has no key "pad"; allowed: k, s, p, d, ceil\n$/],
    [['rf', '--spec', 'nope.yaml'], /--spec: cannot read "nope.yaml": no such file/],
    [['rf', '--layers', 'conv k=3; pool k=x'], /--layers layer 2 \("pool k=x"\): maxpool k must be a positive integer/],
    [['rf', '--layers', 'conv k=3; lstm k=2'], /unknown layer kind "lstm"/],
    [['rf'], /give the stack with --layers/],
    [['rf', '--layers', 'conv k=5', '--input', '3'], /layer 1 .*larger than the padded input/],
    [['rf', '--layers', 'conv k=3', '--input', '3xx'], /--input: expected C×H×W/],
  ]);
  it.each(BAD_RF.rows)('bad input %j: exit 2', (args, message) => {
    const r = BAD_RF.of(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('dlnotes --help', () => {
  it('lists every subcommand with a one-line purpose', () => {
    const r = dlnotes(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['conv', 'pool', 'params', 'rf']) expect(r.stdout).toMatch(new RegExp(`\\n  ${cmd} `));
  });
  it('each subcommand shows flags and examples', () => {
    for (const cmd of ['conv', 'pool', 'params', 'rf']) {
      const r = dlnotes([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain(`$ dlnotes ${cmd}`);
    }
  });
  it('no arguments prints help and exits 0', () => {
    expect(dlnotes([]).stdout).toContain('Usage: dlnotes');
  });
});
