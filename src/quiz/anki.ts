/**
 * The bank as a file Anki imports (dlnotes export anki): Anki's text import
 * with file headers (Anki 2.1.55+, "Importing > Text" in its manual and
 * rslib/src/import_export/text/csv): tab-separated, HTML fields, one Basic
 * note per question with
 *
 *   1 guid   dlnotes:<question id>  (re-importing updates the notes instead of duplicating them)
 *   2 deck   dlnotes::<NN chapter>::<section>  (Anki creates the hierarchy)
 *   3 Front  the question in both languages (the chosen one first)
 *   4 Back   the answer, the explanation, a generated problem's worked solution
 *   5 tags   dlnotes, the deck, the notes section and the question's tags
 *
 * LaTeX `$...$` becomes MathJax `\(...\)` and `$$...$$` becomes `\[...\]`,
 * which Anki renders on every platform. A generated question is drawn once
 * with numbers fixed by its id (the drill draws fresh ones).
 */
import { tr, type Lang, type Text } from '../core/text';
import { splitMath } from '../render/latex';
import { markBlanks, parseCloze } from './grade/cloze';
import type { Expected, GeneratedProblem } from './generators/types';
import type { Bank, Question } from './types';

export interface AnkiNote {
  guid: string;
  deck: string;
  front: string;
  back: string;
  tags: string[];
}

/** What a generated question needs from the generators (loaded by the command). */
export interface GeneratedView {
  problem: GeneratedProblem;
  /** The answer as the quiz shows it, per language. */
  answer: Record<Lang, string>;
  /** The worked solution as plain lines, per language. */
  worked: Record<Lang, string[]>;
  topic: string;
}

/** What a diagram question needs from the diagrams (loaded by the command), per language. */
export interface DiagramView {
  /** The title and the art with numbered blanks. */
  blanked: Record<Lang, string[]>;
  /** The answers, numbered as the blanks. */
  answer: Record<Lang, string>;
  /** The whole diagram: title, art, shapes, what to remember. */
  full: Record<Lang, string[]>;
}

/** The views the command prepares for the questions that need more than the bank. */
export interface NoteViews {
  generated: (q: Question) => GeneratedView | undefined;
  diagram: (q: Question) => DiagramView | undefined;
}

const HEADERS = ['#separator:tab', '#html:true', '#notetype:Basic', '#guid column:1', '#deck column:2', '#tags column:5'];

/** HTML-escapes text (Anki imports the fields as HTML). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text with `$...$` LaTeX as Anki HTML: MathJax delimiters, HTML escaped
 * (MathJax reads the formula after the browser decodes it), line breaks as
 * <br>. `blank(n, inMath)` replaces the cloze markers ⟦n⟧.
 */
export function mathHtml(text: string, blank?: (n: number, inMath: boolean) => string): string {
  const { segments } = splitMath(text);
  return segments.map((s) => {
    const body = blank ? s.text.replace(/⟦(\d+)⟧/g, (_, n: string) => blank(Number(n), s.math)) : s.text;
    if (!s.math) return escapeHtml(body).replace(/\r?\n/g, '<br>');
    const display = text.startsWith('$$', s.offset - 2);
    return display ? `\\[${escapeHtml(body)}\\]` : `\\(${escapeHtml(body)}\\)`;
  }).join('');
}

/** One text in both languages, `lang` first; a language-neutral text once. */
function both(text: Text, lang: Lang, render: (s: string) => string = (s) => mathHtml(s)): string {
  if (typeof text === 'string') return render(text);
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  if (text.zh === text.en) return render(text[lang]);
  return `<div lang="${lang}">${render(text[lang])}</div><div lang="${other}" style="color:#888;font-size:90%">${render(text[other])}</div>`;
}

const letter = (i: number): string => String.fromCharCode(97 + i);

function choiceList(choices: readonly Text[], lang: Lang): string {
  return `<ol type="a">${choices.map((c) => `<li>${both(c, lang)}</li>`).join('')}</ol>`;
}

function explanation(q: Question, lang: Lang): string {
  return q.explanation !== undefined ? `<hr>${both(q.explanation, lang)}` : '';
}

const plainBlock = (lines: string[]): string => `<pre style="text-align:left;white-space:pre-wrap">${escapeHtml(lines.join('\n'))}</pre>`;

function expectedBack(e: Expected, answer: Record<Lang, string>, lang: Lang): string {
  if (e.kind === 'choice') return `<b>${e.correct.map(letter).join(', ')}</b>: ${both({ zh: answer.zh, en: answer.en }, lang, escapeHtml)}`;
  return `<b>${escapeHtml(answer[lang])}</b>`;
}

/** Front and back of one question. */
function sides(q: Question, lang: Lang, views: NoteViews): { front: string; back: string } {
  const prompt = q.prompt !== undefined ? both(q.prompt, lang) : '';
  switch (q.type) {
    case 'card':
      return { front: prompt, back: both(q.answer, lang) + explanation(q, lang) };
    case 'choice':
      return {
        front: prompt + choiceList(q.choices, lang),
        back: `<b>${q.answer.map(letter).join(', ')}</b>: ${q.answer.map((i) => both(q.choices[i]!, lang)).join('; ')}${explanation(q, lang)}`,
      };
    case 'numeric':
      return { front: prompt, back: `<b>${q.answer}${q.unit ? ` ${escapeHtml(q.unit)}` : ''}</b>${explanation(q, lang)}` };
    case 'formula':
      return { front: prompt, back: `<b>${q.display !== undefined ? `\\(${escapeHtml(q.display)}\\)` : `<code>${escapeHtml(q.answer)}</code>`}</b>${explanation(q, lang)}` };
    case 'cloze': {
      const render = (filled: boolean) => (s: string): string => {
        const { blanks } = parseCloze(s);
        return mathHtml(markBlanks(s), (n, inMath) => {
          const answer = blanks[n - 1]?.[0] ?? '';
          if (!filled) return inMath ? '\\boxed{\\;?\\;}' : '[…]';
          return inMath ? `\\boxed{${answer}}` : `⟦b⟧${answer}⟦/b⟧`;
        }).replace(/⟦b⟧(.*?)⟦\/b⟧/g, '<b>$1</b>');
      };
      return { front: both(q.prompt, lang, render(false)), back: both(q.prompt, lang, render(true)) + explanation(q, lang) };
    }
    case 'diagram': {
      const v = views.diagram(q);
      if (!v) return { front: prompt, back: explanation(q, lang) };
      // The art in the chosen language only: a diagram twice would not fit a phone's screen.
      return {
        front: `${prompt ? `${prompt}<br>` : ''}${plainBlock(v.blanked[lang])}`,
        back: `<b>${both(v.answer, lang, escapeHtml)}</b>${explanation(q, lang)}${plainBlock(v.full[lang])}`,
      };
    }
    case 'generated': {
      const gen = views.generated(q);
      if (!gen) return { front: prompt, back: explanation(q, lang) };
      const p = gen.problem;
      const lead = prompt ? `${prompt}<br>` : '';
      const choices = p.expected.kind === 'choice' ? choiceList(p.expected.choices, lang) : '';
      const worked = `<div lang="${lang}">${plainBlock(gen.worked[lang])}</div>`;
      const note = `<div style="color:#888;font-size:85%">dlnotes drill ${escapeHtml(gen.topic)}</div>`;
      return {
        front: lead + both(p.prompt, lang) + choices,
        back: expectedBack(p.expected, gen.answer, lang) + explanation(q, lang) + worked + note,
      };
    }
  }
}

/** An Anki tag: no spaces (Anki splits on them), `::` for hierarchy. */
function tag(s: string): string {
  return s.trim().replace(/\s+/g, '_');
}

/** A deck name part: no `::` inside (it would nest). */
function deckPart(s: string): string {
  return s.replace(/::/g, ':').replace(/[\t\r\n]/g, ' ').trim();
}

/** The notes for these questions, in bank order. */
export function ankiNotes(questions: readonly Question[], bank: Bank, lang: Lang, views: NoteViews): AnkiNote[] {
  const decks = new Map(bank.decks.map((d) => [d.id, d]));
  const sections = new Map(bank.sections.map((s) => [s.title, s]));
  return questions.map((q) => {
    const deck = decks.get(q.deck);
    const chapter = deck ? `${String(deck.order).padStart(2, '0')} ${deckPart(tr(deck.title, lang))}` : deckPart(q.deck);
    const section = q.source.includes(' / ') ? q.source.slice(q.source.indexOf(' / ') + 3) : q.source;
    const { front, back } = sides(q, lang, views);
    const sectionId = sections.get(q.source)?.id;
    return {
      guid: `dlnotes:${q.id}`,
      deck: ['dlnotes', chapter, ...(section ? [deckPart(section)] : [])].join('::'),
      front,
      back,
      tags: ['dlnotes', `dlnotes::deck::${tag(q.deck)}`, ...(sectionId ? [`dlnotes::section::${tag(sectionId)}`] : []), ...q.tags.map(tag)],
    };
  });
}

/** A field for Anki's CSV reader: quoted when it holds a tab, a quote or a line break (quotes doubled). */
function field(s: string): string {
  return /[\t"\r\n]/.test(s) || s.startsWith('#') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole file: the headers, then one line per note. */
export function ankiFile(notes: readonly AnkiNote[]): string {
  const lines = notes.map((n) => [n.guid, n.deck, n.front, n.back, n.tags.join(' ')].map(field).join('\t'));
  return `${[...HEADERS, ...lines].join('\n')}\n`;
}

