// Further benchmark cases, one entry per feature that has a startup target.
// Each: { name, argv (after `node`), target ratio, env?, setup?, teardown? }.
export async function extraCases({ bin }) {
  return [
    // --grads never loads mathjs; --f does (its derivative), hence the looser target.
    { name: 'optim --grads', argv: [bin, 'optim', 'adam', '--grads', '0.5,-0.3,0.2', '--lr', '0.1'], target: 1.3 },
    { name: 'optim --f', argv: [bin, 'optim', 'adam', '--f', 'w^2 + 3*w', '--w0', '5', '--steps', '20'], target: 3 },
    { name: 'lr', argv: [bin, 'lr', 'cosine', '--lr', '0.1', '--total', '100', '--warmup', '5'], target: 1.3 },
  ];
}
