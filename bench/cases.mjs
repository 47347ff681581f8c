// Further benchmark cases, one entry per feature that has a startup target.
// Each: { name, argv (after `node`), target ratio, env?, setup?, teardown? }.
export async function extraCases({ bin }) {
  void bin;
  return [];
}
