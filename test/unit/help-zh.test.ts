/**
 * --help: every command has its Chinese one-line summary (src/help-zh.ts),
 * shown in a zh run; and the question ids in the help's examples exist in
 * the shipped bank.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli';
import { ZH_SUMMARY } from '../../src/help-zh';
import { setLang } from '../../src/render/lang';
import { loadBank } from '../../src/quiz/bank/load';
import { shippedBankDir } from '../../src/quiz/bank/paths';

/** Every command's path ("conv", "bank lint") and the command itself. */
function commands(c: Command, path = ''): Array<[string, Command]> {
  return c.commands.flatMap((sub) => {
    const p = path ? `${path} ${sub.name()}` : sub.name();
    return [[p, sub] as [string, Command], ...commands(sub, p)];
  });
}

afterEach(() => setLang('en'));

describe('Chinese summaries in --help', () => {
  it('every registered command has one, and none is left over', () => {
    setLang('en');
    const paths = commands(buildProgram()).map(([p]) => p);
    expect(paths.length).toBeGreaterThan(25);
    expect(paths.filter((p) => ZH_SUMMARY[p] === undefined)).toEqual([]);
    expect(Object.keys(ZH_SUMMARY).filter((p) => p !== '' && !paths.includes(p))).toEqual([]);
    for (const zh of Object.values(ZH_SUMMARY)) expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a zh run shows them in the command list and atop each command\'s help; an en run does not', () => {
    setLang('zh');
    const zh = buildProgram();
    for (const [p, c] of commands(zh)) {
      expect(c.summary(), p).toBe(ZH_SUMMARY[p]);
      expect(c.description().startsWith(`${ZH_SUMMARY[p]}\n\n`), p).toBe(true);
    }
    setLang('en');
    const en = buildProgram();
    for (const [p, c] of commands(en)) expect(c.summary(), p).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the question ids in the help examples', () => {
  it('exist in the shipped bank', () => {
    setLang('en');
    const bank = loadBank([shippedBankDir()], { cache: false });
    // Each command's whole help, examples included (they are added when it is shown).
    let help = '';
    for (const [, c] of commands(buildProgram())) {
      c.configureOutput({ writeOut: (s) => { help += s; }, writeErr: () => undefined });
      c.outputHelp();
    }
    const ids = [...help.matchAll(/(?:dlnotes (?:card|bank show)|e\.g\.) ([a-z0-9]+\.[a-z0-9.-]*[a-z0-9])/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(4);
    expect(ids.filter((id) => !bank.byId.has(id))).toEqual([]);
  });
});
