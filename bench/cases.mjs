// Further benchmark cases, one entry per feature that has a startup target.
// Each: { name, argv (after `node`), target ratio, env?, setup?, teardown? }.
export async function extraCases({ bin }) {
  return [
    // mathjs (number-only entry, parse + derivative) loads here: at most 3x bare node.
    { name: 'backprop', argv: [bin, 'backprop', '1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w=[2,-3,-3]', 'x=[-1,-2]'], target: 3 },
    { name: 'gradcheck', argv: [bin, 'gradcheck', 'x^3 + sin(x)*y', 'x=1.5', 'y=-2'], target: 3 },
    { name: 'backprop-matmul', argv: [bin, 'backprop', 'matmul', '--x', '1,2;3,4', '--w', '5,6;7,8'], target: 1.5 },
    { name: 'gate', argv: [bin, 'gate', 'mul', '--inputs', '3,-4', '--upstream', '2'], target: 1.3 },
  ];
}
