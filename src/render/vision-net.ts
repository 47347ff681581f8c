/** Renders a detection or segmentation network's report (core/net/vision-nets.ts), in the student's language. */
import { fmtInt, fmtSI } from '../core/format';
import type { VisionReport } from '../core/net/vision-nets';
import { bi, tr, type Lang } from '../core/text';
import { currentLang } from './lang';
import { style } from './style';
import { renderTable } from './table';

const M = {
  task: bi('Task', '任务'),
  ideas: bi('What it introduced', '创新点'),
  figures: bi('Figures (torchvision)', '数据（torchvision）'),
  tryIt: bi('Work through its arithmetic', '动手算一算'),
  model: bi('Model', '模型'),
  depth: bi('Depth', '深度'),
  params: bi('Params', '参数量'),
};

// Lines are written whole: print() wraps them to the terminal (render/wrap.ts), continuing under the bullet.
function bullet(title: string, text: string, colon: string): string {
  return `  ${style.accent('•')} ${style.bold(`${title}${colon.trimEnd()}`)}${colon.endsWith(' ') ? ' ' : ''}${text}`;
}

export function renderVisionNet(r: VisionReport, lang: Lang = currentLang()): string {
  const n = r.net;
  const colon = lang === 'zh' ? '：' : ': ';
  const out = [
    style.heading(`${tr(n.title, lang)} (${n.year})`),
    `${n.authors}, "${n.paper}"`,
    style.dim(tr(n.result, lang)),
    `${style.bold(tr(M.task, lang))}${colon}${tr(n.task, lang)}`,
    '',
    style.bold(tr(M.ideas, lang)),
    ...r.ideas.map((i) => bullet(tr(i.title, lang), tr(i.text, lang), colon)),
  ];
  if (r.models.length) {
    out.push('', style.bold(tr(M.figures, lang)), renderTable(
      [tr(M.model, lang), tr(M.depth, lang), tr(M.params, lang), 'MACs'],
      r.models.map((m) => [m.name, String(m.depth), fmtInt(m.params), fmtSI(m.macs)]),
      { align: ['left', 'right', 'right', 'right'] },
    ));
  }
  out.push('', style.bold(tr(M.tryIt, lang)), ...n.tryIt.map((c) => style.dim(`  $ ${c}`)));
  return out.join('\n');
}
