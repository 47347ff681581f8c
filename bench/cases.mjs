// Further benchmark cases, one entry per feature that has a startup target.
// Each: { name, argv (after `node`), target ratio, env?, setup?, teardown? }.
export async function extraCases({ bin }) {
  return [
    // Issue #3: the largest zoo model, every one of its 515 layers in the table. The zoo is
    // TypeScript builders (no YAML parsed, the yaml package not loaded).
    { name: 'summary resnet152', argv: [bin, 'summary', 'resnet152'], target: 1.5 },
    { name: 'summary vgg16 --json', argv: [bin, 'summary', 'vgg16', '--json'], target: 1.5 },
    // Not in the issue: `net resnet` summarises six networks (about 1,300 layers) for its figures.
    { name: 'net resnet', argv: [bin, 'net', 'resnet'], target: 2 },
  ];
}
