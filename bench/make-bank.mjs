#!/usr/bin/env node
// Writes a large synthetic question bank for scale benchmarks and tests:
//   node bench/make-bank.mjs --out /tmp/big-bank [--questions 10000] [--decks 10]
// Every question is valid against the shipped registries (questions/sections.yaml
// and tags.yaml), with a mix of types and some LaTeX, so `dlnotes bank lint`
// passes and the loader does its full work. Exported as makeBank() for bench/cases.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCES = ['04 卷积神经网络 / 计算方法', '03 神经网络与反向传播 / 激活函数', '02 正则化与优化 / Adam', '01 线性分类器 / SVM 损失'];

function question(deck, i) {
  const id = `${deck}.q${i}`;
  const source = SOURCES[i % SOURCES.length];
  const common = (prompt) => [
    `  - id: ${id}`,
    ...prompt,
    `    explanation: {zh: "第 ${i} 题的解析:先写公式,再代入数字。", en: "Explanation ${i}: write the formula, then substitute."}`,
    `    tags: [calc, formula]`,
    `    source: "${source}"`,
  ];
  switch (i % 5) {
    case 0:
      return common([
        '    type: numeric',
        `    prompt: {zh: "输入 ${i % 60 + 4}×${i % 60 + 4}×3,${i % 9 + 1} 个 3×3 滤波器,参数量是多少?", en: "Input ${i % 60 + 4}×${i % 60 + 4}×3 and ${i % 9 + 1} 3×3 filters: how many parameters?"}`,
        `    answer: ${27 * (i % 9 + 1) + (i % 9 + 1)}`,
      ]);
    case 1:
      return common([
        '    type: formula',
        `    prompt: {zh: '用 s 表示 $\\sigma(x)$,写出第 ${i} 个导数。', en: 'Write derivative ${i} of $\\sigma(x)$ in terms of s.'}`,
        `    answer: "${i % 7 + 1}*s*(1-s)"`,
        '    variables: {s: [0.01, 0.99]}',
      ]);
    case 2:
      return common([
        '    type: choice',
        `    prompt: {zh: "第 ${i} 题:哪项正确?", en: "Question ${i}: which is right?"}`,
        '    choices: [{zh: 甲, en: first}, {zh: 乙, en: second}, {zh: 丙, en: third}, {zh: 丁, en: fourth}]',
        `    answer: ${'abcd'[i % 4]}`,
      ]);
    case 3:
      return common([
        '    type: cloze',
        `    prompt: {zh: "Adam 默认 $\\\\beta_1$ = {{0.9}},第 ${i} 题", en: "Adam's default $\\\\beta_1$ = {{0.9}}, question ${i}"}`,
      ]);
    default:
      return common([
        '    type: card',
        `    prompt: {zh: "第 ${i} 题:写出 BN 的公式", en: "Question ${i}: write the BN formula"}`,
        `    answer: '$\\hat{x}_i = \\frac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}$'`,
      ]);
  }
}

export function makeBank(out, questions = 10000, decks = 10) {
  mkdirSync(out, { recursive: true });
  const per = Math.ceil(questions / decks);
  for (let d = 0; d < decks; d++) {
    const deck = `big${d}`;
    const lines = [`deck: ${deck}`, `title: {zh: 大题库 ${d}, en: Big deck ${d}}`, `order: ${d + 1}`, 'questions:'];
    for (let i = d * per; i < Math.min(questions, (d + 1) * per); i++) lines.push(...question(deck, i), '');
    writeFileSync(join(out, `${deck}.yaml`), `${lines.join('\n')}\n`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const out = opt('--out', undefined);
  if (!out) {
    console.error('usage: node bench/make-bank.mjs --out DIR [--questions 10000] [--decks 10]');
    process.exit(2);
  }
  makeBank(out, Number(opt('--questions', 10000)), Number(opt('--decks', 10)));
  console.log(`wrote ${opt('--questions', 10000)} questions to ${out}`);
}
