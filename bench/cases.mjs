// Further benchmark cases, one entry per feature that has a startup target.
// Each: { name, argv (after `node`), target ratio, env?, setup?, teardown? }.
export async function extraCases({ bin }) {
  return [
    // The largest zoo model: built by TypeScript builders, no YAML parsed.
    { name: 'summary resnet152', argv: [bin, 'summary', 'resnet152'], target: 1.5 },
    { name: 'summary vgg16 --json', argv: [bin, 'summary', 'vgg16', '--json'], target: 1.5 },
    { name: 'net resnet', argv: [bin, 'net', 'resnet'], target: 1.5 },
  ];
}
