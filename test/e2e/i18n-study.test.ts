/**
 * The study side in Chinese, through the built binary: the quiz in line
 * mode, a mock exam, a drill, `check`, `stats`, `card`, `config`, the bank
 * listings and the common errors, with --lang zh. No English sentence may be
 * left (test/helpers/english.ts: common English words outside code-like
 * names), and the same runs in English say the same things in English.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, dlnotes, type RunResult } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';
import { englishLeft, hasCjk } from '../helpers/english';
import { displayWidth } from '../../src/render/table';

const BANK = join(ROOT, 'test', 'fixtures', 'session-bank');
const EXAM_BANK = join(ROOT, 'test', 'fixtures', 'exam-bank');
const DIAGRAM_BANK = join(ROOT, 'test', 'fixtures', 'bank-diagram');
const GEN_BANK = join(ROOT, 'test', 'fixtures', 'bank-gen');
// Banks with problems, for bank lint and the quiz refusing them.
const BAD_BANK = join(ROOT, 'test', 'fixtures', 'bank-bad');
const BAD_DIAGRAM_BANK = join(ROOT, 'test', 'fixtures', 'bank-diagram-bad');
const LONGEST_BANK = join(ROOT, 'test', 'fixtures', 'bank-longest');
const BAD_REGISTRY_BANK = join(mkdtempSync(join(tmpdir(), 'dlnotes-registry-')), 'bank');
mkdirSync(BAD_REGISTRY_BANK);
writeFileSync(join(BAD_REGISTRY_BANK, 'sections.yaml'), 'sections:\n  - {id: s1, title: 01 A, weight: -1}\n  - {id: s2}\n');
writeFileSync(join(BAD_REGISTRY_BANK, 'tags.yaml'), 'tags: [calc]\n');
writeFileSync(join(BAD_REGISTRY_BANK, 'd.yaml'), 'deck: d\ntitle: {zh: 甲, en: A}\nquestions:\n  - id: d.one\n    type: numeric\n    prompt: {zh: 几?, en: How many?}\n    explanation: x\n    tags: [calc]\n    source: 01 A\n    answer: 1.5\n    count: true\n    slips: [{answer: 2, slip: no-such-slip, explanation: y}]\n');
const NOW = '2025-03-01T10:00';

function envFor(home: string): Record<string, string> {
  return { DLNOTES_HOME: home, DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '', DLNOTES_NOW: '', COLUMNS: '80' };
}

/** Runs in one language; `home` is shared so later runs see earlier answers. */
function run(lang: 'zh' | 'en', home: string, args: string[], input = ''): RunResult {
  return dlnotes([...args, '--lang', lang], { input, env: envFor(home) });
}

/**
 * The widest line (CJK counts two); a command line to copy is never wrapped,
 * nor is a `file:line:col: problem` line (editors read them), so they do not count.
 */
function widest(text: string): number {
  return Math.max(0, ...text.split('\n').filter((l) => !/^\s*dlnotes /.test(l) && !/^\S+:\d+:\d+: /.test(l)).map(displayWidth));
}

/**
 * Words that are data, not sentences: the bank's tag and type ids (the
 * values of --tag and --type), drill topics (what `dlnotes drill` takes).
 */
const DATA: Record<string, string[]> = {
  bankList: ['formula'],
  bankShow: ['activation'],
  bankStats: ['activation', 'formula'],
  drillList: ['loss'],
  bankTemplates: ['loss'],
  errDrill: ['loss'],
  // The values a setting or an option takes, typed as they are.
  config: ['true', 'false'],
  errOptions: ['true', 'false'],
  // Field names and values a bank author writes: weight, count: true.
  bankLintRegistry: ['weight', 'true'],
  errBankRegistry: ['true'],
};

/** The study commands a student runs in a first week, on a fresh data directory. */
function tour(lang: 'zh' | 'en'): Record<string, RunResult> {
  const home = tempHome();
  const junk = tempHome();
  writeFileSync(join(junk, 'dlnotes.db'), 'garbage\n'.repeat(300));
  const hw = join(mkdtempSync(join(tmpdir(), 'dlnotes-hw-')), 'hw.yaml');
  const hwBad = join(dirname(hw), 'bad.yaml');
  writeFileSync(hwBad, '- conv: {h: 32, f: 3}\n');
  const hwBig = join(dirname(hw), 'big.yaml');
  writeFileSync(hwBig, '- conv: {h: 99999999999999999999, f: 3}\n  answer: {size: 30}\n');
  const hwTag = join(dirname(hw), 'tag.yaml');
  writeFileSync(hwTag, '- conv: {h: !foo 32, f: 3}\n  answer: {size: 30}\n');
  writeFileSync(hw, '- conv: {h: 32, c: 3, k: 10, f: 5, s: 1, p: 2}\n  answer: {output: 32x32x10, params: 750}\n- conv: {h: 10, f: 3, s: 2}\n  answer: {size: 4}\n');
  const quizInput = [
    '四', // unreadable: asked again with the reason
    '700', // wrong
    ':h', ':?', // hint, help
    '', 'good', // the card: reveal, rate
    'x', 'a,c', // unreadable choice, then right
    's*(1-x)', 's*(1-s)', // unreadable expression, then right
    '0.9；0.999', // cloze with a full-width semicolon
    '７６０', // the wrong one comes back: full-width digits
  ].join('\n');
  return {
    quiz: run(lang, home, ['quiz', '--bank', BANK, '--now', NOW], `${quizInput}\n`),
    quizAgain: run(lang, home, ['quiz', '--bank', BANK, '--now', NOW, '--new', '3']),
    stats: run(lang, home, ['stats', '--bank', BANK, '--now', NOW]),
    card: run(lang, home, ['card', 'basics.params', '--bank', BANK, '--now', NOW]),
    cardChoice: run(lang, home, ['card', 'basics.zero-centred', '--bank', BANK, '--now', NOW]),
    suspend: run(lang, home, ['card', 'basics.relu', '--suspend', '--bank', BANK, '--now', NOW]),
    config: run(lang, home, ['config', 'list']),
    configSet: run(lang, home, ['config', 'set', 'new_per_day', '15']),
    exam: run(lang, home, ['exam', '--bank', EXAM_BANK, '--now', NOW, '--questions', '7', '--seed', '11'], 'four\n760\nb\n1e-5\n:s\n0.001\ns*(1-s)\na\n'),
    examHistory: run(lang, home, ['exam', '--history']),
    drill: run(lang, home, ['drill', 'conv', '-n', '3', '--seed', '5', '--bank', EXAM_BANK, '--now', NOW], 'abc\n1\n:s\n'),
    drillList: run(lang, home, ['drill', '--list']),
    check: run(lang, home, ['check', hw]),
    bankList: run(lang, home, ['bank', 'list', '--bank', BANK]),
    bankShow: run(lang, home, ['bank', 'show', 'basics.zero-centred', '--bank', BANK]),
    bankStats: run(lang, home, ['bank', 'stats', '--bank', BANK]),
    bankTemplates: run(lang, home, ['bank', 'templates']),
    // Diagram questions: a line with too few answers is asked again, then graded; the whole diagram after.
    quizDiagram: run(lang, home, ['quiz', '--bank', DIAGRAM_BANK, '--now', NOW], 'forget; input\n遗忘门；输入门；候选；输出门\nx; y; z; w\n'),
    cardDiagram: run(lang, home, ['card', 'draw.lstm.gates', '--bank', DIAGRAM_BANK, '--now', NOW]),
    // A question with an unknown template is skipped, saying why in the student's language.
    quizBadTemplate: run(lang, home, ['quiz', '--bank', GEN_BANK, '--now', NOW, '--new', '50']),
    // The common errors: one line each, exit 2.
    errDeck: run(lang, home, ['quiz', '--bank', BANK, '--deck', 'nosuch']),
    errNow: run(lang, home, ['stats', '--bank', BANK, '--now', 'yesterday']),
    errCard: run(lang, home, ['card', 'basics.nosuch', '--bank', BANK]),
    errConfig: run(lang, home, ['config', 'set', 'nosuch', '1']),
    errConfigValue: run(lang, home, ['config', 'set', 'new_per_day', 'many']),
    errConfigEmpty: run(lang, home, ['config', 'add', 'bank_dirs', '']),
    errDrill: run(lang, home, ['drill', 'nosuch']),
    errOptions: run(lang, home, ['drill', 'conv', '--options', 'trap=maybe']),
    errCheck: run(lang, home, ['check', join(tmpdir(), 'no-such-homework.yaml')]),
    errHomework: run(lang, home, ['check', hwBad]),
    errHomeworkBig: run(lang, home, ['check', hwBig]),
    errHomeworkTag: run(lang, home, ['check', hwTag]),
    errBankShow: run(lang, home, ['bank', 'show', 'basics.param', '--bank', BANK]),
    errExam: run(lang, home, ['exam', '--bank', BANK, '--deck', 'basics', '--tag', 'concept']),
    // Writing questions: every problem bank lint finds, still file:line:col.
    bankLint: run(lang, home, ['bank', 'lint', BAD_BANK]),
    bankLintDiagram: run(lang, home, ['bank', 'lint', BAD_DIAGRAM_BANK]),
    bankLintWarning: run(lang, home, ['bank', 'lint', LONGEST_BANK]),
    bankLintRegistry: run(lang, home, ['bank', 'lint', BAD_REGISTRY_BANK]),
    // The quiz, the exam and a drill refuse a bank lint rejects, with lint's first problem.
    errBankQuiz: run(lang, home, ['quiz', '--bank', BAD_BANK]),
    errBankExam: run(lang, home, ['exam', '--bank', BAD_DIAGRAM_BANK]),
    errBankRegistry: run(lang, home, ['drill', 'conv', '--bank', BAD_REGISTRY_BANK]),
    errConfigDate: run(lang, home, ['config', 'set', 'exam', 'next friday']),
    errConfigParams: run(lang, home, ['config', 'set', 'w', '1,2,3']),
    errConfigNumbers: run(lang, home, ['config', 'set', 'w', '0.4,abc']),
    errFlagNumber: run(lang, home, ['exam', '--minutes', 'abc']),
    errConfigRemove: run(lang, home, ['config', 'remove', 'bank_dirs', 'nowhere']),
    // A data file that is not a database: db check says so, every other command refuses it untouched.
    dbCheckDamaged: run(lang, junk, ['db', 'check']),
    errDbDamaged: run(lang, junk, ['stats']),
  };
}

const zh = tour('zh');
const en = tour('en');

describe('the study side in Chinese', () => {
  it.each(Object.keys(zh))('%s: no English sentence left, and it fits 80 columns', (name) => {
    const r = zh[name]!;
    const out = `${r.stdout}\n${r.stderr}`;
    expect(englishLeft(out, DATA[name]), out).toEqual([]);
    expect(hasCjk(out), out).toBe(true);
    expect(widest(r.stdout), r.stdout).toBeLessThanOrEqual(80);
  });

  it.each(Object.keys(en))('%s: English has no Chinese of its own (only the bank may), and it fits 80 columns', (name) => {
    const r = en[name]!;
    expect(widest(r.stdout), r.stdout).toBeLessThanOrEqual(80);
    if (name.startsWith('err')) expect(hasCjk(r.stderr), r.stderr).toBe(false);
  });

  it('the same exit codes in both languages; errors are one line', () => {
    for (const name of Object.keys(zh)) {
      expect(zh[name]!.code, name).toBe(en[name]!.code);
      if (name.startsWith('err')) {
        expect(zh[name]!.code, name).toBe(2);
        expect(zh[name]!.stderr.trimEnd().split('\n'), name).toHaveLength(1);
        expect(zh[name]!.stderr, name).toMatch(/^dlnotes: /);
      }
    }
  });

  it('the quiz: unreadable answers asked again with the reason, full-width input graded right', () => {
    expect(zh.quiz!.stdout).toContain('不是数字：四');
    expect(en.quiz!.stdout).toContain('not a number: 四');
    expect(zh.quiz!.stdout).toContain('请用选项字母作答（a-c）');
    expect(zh.quiz!.stdout).toContain('未知名称 "x"：变量是 s');
    expect(zh.quiz!.stdout).toContain('✗ 数值错误：你的答案 700；正确答案 760');
    expect(en.quiz!.stdout).toContain('✗ wrong value: you said 700; the answer is 760');
    expect(zh.quiz!.stdout).toContain('✓ 正确：760');
    expect(zh.quiz!.stdout).toContain('评分：1 重来 · 2 困难 · 3 良好 · 4 简单：');
    expect(zh.quiz!.stdout).toContain('输入结束：本次学习结束。');
    expect(en.quiz!.stdout).toContain('End of input: session ended.');
    expect(zh.quizDiagram!.stdout).toContain('? 请给出 4 个答案，每个空一个，用“;”分隔；收到 2 个');
    expect(en.quizDiagram!.stdout).toContain('? give 4 answers, one per blank, separated by ";"; got 2');
    expect(zh.quizDiagram!.stdout).toContain('✓ 正确：(1) 遗忘门; (2) 输入门; (3) 候选记忆; (4) 输出门');
    expect(zh.quizDiagram!.stdout).toContain('✗ 应为 (1) 残差相加 + 层归一化');
    expect(zh.quizBadTemplate!.stdout.replace(/ *\n */g, ' ')).toMatch(/! 无法显示 gen\.conv-size（[^）]*gen\.yaml:5）：题目 gen\.conv-size 用了未知的模板 "fixture-conv-size"/);
    expect(zh.cardDiagram!.stdout).toMatch(/\(1\)[\s│]+\(2\)[\s│]+\(3\)[\s│]+\(4\)/);
  });

  it('the same words in English', () => {
    expect(en.stats!.stdout).toContain('still due');
    expect(en.exam!.stdout).toContain('Mock exam over: end of input.');
    expect(zh.exam!.stdout).toContain('模拟考试结束：输入结束。');
    expect(zh.exam!.stdout).toContain('不是数字：four');
    expect(zh.exam!.stdout).toContain('得分  4/7 正确（57%）');
    expect(en.check!.stdout).toContain('Score: 2/3 answers right (67%); 1/2 problems fully right.');
    expect(zh.check!.stdout).toContain('得分：2/3 个答案正确（67%）；1/2 道题全对。');
    expect(zh.card!.stdout).toContain('输入 32x32x3,10 个 5x5 滤波器,参数量是多少?');
    expect(en.card!.stdout).toContain('Input 32x32x3, ten 5x5 filters: how many parameters?');
  });

  it('bank lint: every problem in Chinese, still file:line:col, as many lines as in English', () => {
    const lines = (r: RunResult): string[] => r.stdout.trim().split('\n');
    for (const name of ['bankLint', 'bankLintDiagram', 'bankLintRegistry']) {
      expect(lines(zh[name]!), name).toHaveLength(lines(en[name]!).length);
      for (const l of lines(zh[name]!).slice(0, -1)) expect(l, name).toMatch(/^\S+\.yaml:\d+:\d+: \S/);
      // The same positions, in the same order.
      const positions = (r: RunResult): string[] => lines(r).slice(0, -1).map((l) => l.split(': ')[0]!);
      expect(positions(zh[name]!), name).toEqual(positions(en[name]!));
    }
    const zhLint = zh.bankLint!.stdout;
    for (const problem of [
      'broken.yaml:3:1: YAML 语法错误：缩进不对',
      'mixed.yaml:5:1: 未知的顶层字段 "author"；可用：deck, title, order, questions',
      'mixed.yaml:74:13: answer "d" 超出范围：只有 2 个选项（a-b）',
      'mixed.yaml:98:13: 答案 "x*(1-s)" 不是有效的公式：未知名称 "x"',
      "mixed.yaml:115:18: LaTeX 无法解析：$\\frac{1}{$：命令的参数没有写完，缺少 '}'（在末尾：\\frac{1}{）",
      'mixed.yaml:117:18: 第 7 个字符处的 $ 没有闭合',
      'mixed.yaml:123:15: 未知的模板 "no-such-template"；已有：conv-output-size',
      'mixed.yaml:153:5: 重复的键',
      '✗ 2 个文件中有 24 个问题（已读取 1 个卡组、7 道题）',
    ]) expect(zhLint).toContain(problem);
    expect(en.bankLint!.stdout).toContain('mixed.yaml:5:1: unknown top-level field "author"; allowed: deck, title, order, questions');
    expect(zh.bankLintDiagram!.stdout).toContain('"peephole" 不是 lstm 的标签；它的标签：');
    expect(zh.bankLintDiagram!.stdout).toContain('空 "an1" 的答案被泄露了：标签 "an2" 显示同样的文字');
    expect(zh.bankLintWarning!.stdout).toMatch(/choices\.yaml:2:7: 警告：6 道单选题中有 3 道（50%，zh）的正确选项是唯一最长的/);
    expect(zh.bankLintRegistry!.stdout).toContain('sections.yaml:2:35: weight 应是非负数');
    expect(zh.bankLintRegistry!.stdout).toContain('d.yaml:12:31: slips.0.slip "no-such-slip" 不是已知的失误 id');
  });

  it('the quiz, the exam and a drill refuse a broken bank with lint\'s first problem, in Chinese', () => {
    expect(zh.errBankQuiz!.stderr).toMatch(/^dlnotes: \S+broken\.yaml:3:1: YAML 语法错误：缩进不对（另有 18 个问题）；运行 `dlnotes bank lint \S+` 查看全部\n$/);
    expect(en.errBankQuiz!.stderr).toMatch(/^dlnotes: \S+broken\.yaml:3:1: YAML syntax error: .* \(and 18 more problems\); run `dlnotes bank lint \S+` to see them all\n$/);
    expect(zh.errBankExam!.stderr).toContain('bad.yaml:34:13: blanks 至少要列出一个要挖空的标签（另有 3 个问题）');
    expect(zh.errBankRegistry!.stderr).toContain('计数（count: true）应是整数，这里是 1.5');
    expect(zh.errConfigDate!.stderr).toBe('dlnotes: config set exam：应为日期和时间，如 2027-01-15T09:00，收到 "next friday"（考试日期和时间，如 2027-01-15T09:00）\n');
    expect(en.errConfigDate!.stderr).toBe('dlnotes: config set exam: expected a date and time like 2027-01-15T09:00, got "next friday" (exam date and time, e.g. 2027-01-15T09:00)\n');
    expect(zh.errConfigParams!.stderr).toContain('应为 21 个数（FSRS-6）或 19 个数（FSRS-5），收到 3 个');
    expect(zh.errConfigRemove!.stderr).toContain('不在列表中（列表是空的）');
    expect(zh.errConfigNumbers!.stderr).toContain('config set w：应为一组数字，收到 "0.4,abc"');
    expect(zh.errFlagNumber!.stderr).toBe('dlnotes: --minutes：应为数字，收到 "abc"\n');
    expect(zh.dbCheckDamaged!.stdout).toContain('已损坏：不是 SQLite 数据库（文件头被覆盖）');
    expect(zh.errHomeworkBig!.stderr).toMatch(/big\.yaml:1:13: 99999999999999999999 太大，无法精确表示/);
    expect(zh.errHomeworkTag!.stderr).toMatch(/tag\.yaml:1:18: 不允许使用 YAML 标签（!foo）/);
    expect(en.dbCheckDamaged!.stdout).toContain('damaged: not an SQLite database (the header is overwritten)');
  });

  it('a language it cannot read is refused in the locale\'s language', () => {
    const refuse = (locale: string): string => dlnotes(['stats', '--lang', 'fr'], { env: { ...envFor(tempHome()), LANG: locale } }).stderr;
    expect(refuse('zh_CN.UTF-8')).toBe('dlnotes: --lang：应为 zh 或 en，收到 "fr"\n');
    expect(refuse('C')).toBe('dlnotes: --lang: expected one of zh, en, got "fr"\n');
  });

  it('bank lint --json is the same in both languages: message in English, text in both', () => {
    const json = (lang: 'zh' | 'en'): string => dlnotes(['bank', 'lint', BAD_BANK, '--json', '--lang', lang], { env: envFor(tempHome()) }).stdout;
    const out = json('zh');
    expect(out).toBe(json('en'));
    const problem = (JSON.parse(out) as { problems: Array<{ message: string; text: { en: string; zh: string } }> }).problems[1]!;
    expect(problem.message).toBe('unknown top-level field "author"; allowed: deck, title, order, questions');
    expect(problem.text).toEqual({ en: problem.message, zh: '未知的顶层字段 "author"；可用：deck, title, order, questions' });
  });

  it('check --template: its comments in the student\'s language, its keys unchanged', () => {
    const template = (lang: 'zh' | 'en'): string => dlnotes(['check', '--template', 'all', '--lang', lang], { env: envFor(tempHome()) }).stdout;
    const [zhText, enText] = [template('zh'), template('en')];
    const data = (text: string): string[] => text.split('\n').filter((l) => !l.startsWith('#'));
    expect(data(zhText)).toEqual(data(enText));
    expect(hasCjk(enText)).toBe(false);
    expect(zhText).toMatch(/^# dlnotes check FILE：每个列表项是一道题。/);
    // Each calculator's comment names it in Chinese before the keys it takes (the keys are data).
    const heads = zhText.split('\n').filter((l) => /^# [a-z]+: /.test(l)).map((l) => l.replace(/^# [a-z]+: /, '').split('：')[0]!);
    expect(heads.length).toBeGreaterThanOrEqual(25);
    for (const head of heads) expect(englishLeft(head), head).toEqual([]);
    for (const head of ['两个框的 IoU', '非极大值抑制', '边框回归', '锚框与 RPN 头', '平均精度（AP）', '分割指标', '注意力']) expect(heads).toContain(head);
  });
});
