// Further benchmark cases, one entry per feature that has a startup target.
// Each: { name, argv (after `node`), target ratio, env?, setup?, teardown? }.
import { quizScaleSetup } from './quiz-scale.mjs';

export async function extraCases({ root, bin }) {
  // Time to the first question with 10,000 questions and 100,000 logged reviews
  // (line mode, empty input: header, first question, summary). Target 2.5x node -e 0.
  const scale = { name: 'quiz-scale', argv: [], target: 2.5, env: {} };
  let made;
  scale.setup = async () => {
    made = await quizScaleSetup(root);
    console.log(`  quiz-scale: ${made.log}`);
    scale.argv = [bin, 'quiz', '--bank', made.bank, '--now', made.now, '--lang', 'en'];
    scale.env = { DLNOTES_HOME: made.home, NO_COLOR: '1' };
  };
  scale.teardown = async () => made?.cleanup();
  return [scale];
}
