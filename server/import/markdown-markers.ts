/**
 * Killercoda marks code the learner can click: a fenced block closed by "```{{exec}}", or inline
 * "`cmd`{{exec}}"; Katacoda wrote {{execute}}. Markers take modifiers: `interrupt` (Ctrl+C first), `T2` (a
 * second terminal), `HOST2` (the second machine). The cks-lab lab page gives every fenced block a Copy button
 * and runs nothing on click, so marked code becomes a fenced block (or plain inline code mid-sentence).
 */
export interface MarkedCode {
  code: string;
  action: 'exec' | 'copy';
  modifiers: string[];
  /** 1-based line, in the original markdown, of the code's first line */
  line: number;
  /** inside a <details> block: the author's solution */
  inDetails: boolean;
}

export interface TranslatedMarkdown {
  markdown: string;
  marked: MarkedCode[];
  /** Killercoda placeholders that have no cks-lab meaning, e.g. {{TRAFFIC_HOST1_80}} */
  leftovers: { line: number; text: string }[];
}

const MARKER = String.raw`\{\{\s*(exec|execute|copy)((?:[ \t]+[\w-]+)*)[ \t]*\}\}`;
const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n`]*$/;
const INLINE = new RegExp('`([^`\\n]+)`' + MARKER, 'g');
const WHOLE_LINE_INLINE = new RegExp(
  String.raw`^([ \t]*)((?:[-*+]|\d+[.)])[ \t]+)?` + '`([^`\\n]+)`' + MARKER + String.raw`[ \t]*$`,
);
// Katacoda's editor blocks (<pre class="file" data-filename=…>) wrote into files on click: no cks-lab meaning
const LEFTOVER =
  /\{\{\s*(?:TRAFFIC_[A-Z0-9_]+|open|exec[^}\n]*|execute[^}\n]*|copy[^}\n]*)\s*\}\}|<pre[^>\n]*data-filename=[^>\n]*>/g;
/** Pictures next to the markdown: the lab page serves no files from a scenario folder. */
const LOCAL_PICTURE = /!\[[^\]\n]*\]\((?!https?:|data:)[^)\s]+\)/g;

function closingFence(fence: string): RegExp {
  return new RegExp(String.raw`^[ \t]*${fence[0]}{${fence.length},}[ \t]*(?:${MARKER})?[ \t]*$`);
}

const actionOf = (word: string): MarkedCode['action'] => (word === 'copy' ? 'copy' : 'exec');
const modifiersOf = (text: string | undefined): string[] => (text ?? '').trim().split(/\s+/).filter(Boolean);

/** A short note for the learner for what a modifier meant on Killercoda; undefined when nothing to say. */
export function modifierNote(modifiers: readonly string[]): string | undefined {
  const notes = modifiers.flatMap((modifier) => {
    if (modifier === 'interrupt') return ['stop what runs in the terminal with Ctrl+C first'];
    const terminal = /^T(\d+)$/.exec(modifier);
    if (terminal && terminal[1] !== '1')
      return [`run it in another terminal (terminal ${terminal[1]} on Killercoda)`];
    const host = /^HOST(\d+)$/.exec(modifier);
    if (host && host[1] === '2') return ['run it on node01: `ssh node01` first'];
    return [];
  });
  return notes.length ? `*Note: ${notes.join('; ')}.*` : undefined;
}

function fenceLanguage(action: MarkedCode['action'], lang: string): string {
  if (lang && lang !== 'plain' && lang !== 'text') return lang;
  return action === 'exec' ? 'bash' : '';
}

export function translateMarkdown(markdown: string): TranslatedMarkdown {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const marked: MarkedCode[] = [];
  const leftovers: TranslatedMarkdown['leftovers'] = [];
  let detailsDepth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = FENCE_OPEN.exec(line);
    if (open) {
      const [, indent = '', fence = '', lang = ''] = open;
      const close = closingFence(fence);
      let end = i + 1;
      while (end < lines.length && !close.test(lines[end]!)) end++;
      if (end < lines.length) {
        const closing = close.exec(lines[end]!)!;
        const body = lines.slice(i + 1, end);
        if (closing[1] !== undefined) {
          const action = actionOf(closing[1]);
          const modifiers = modifiersOf(closing[2]);
          marked.push({ code: body.join('\n'), action, modifiers, line: i + 2, inDetails: detailsDepth > 0 });
          const note = modifierNote(modifiers);
          if (note) out.push(`${indent}${note}`, '');
          out.push(`${indent}${fence}${fenceLanguage(action, lang)}`, ...body, `${indent}${fence}`);
        } else out.push(...lines.slice(i, end + 1));
        i = end;
        continue;
      }
    }
    detailsDepth = Math.max(
      0,
      detailsDepth +
        (line.match(/<details[\s>]/gi) ?? []).length -
        (line.match(/<\/details>/gi) ?? []).length,
    );
    const whole = WHOLE_LINE_INLINE.exec(line);
    if (whole) {
      const [, indent = '', bullet = '', code = '', word = 'exec', mods] = whole;
      const action = actionOf(word);
      const modifiers = modifiersOf(mods);
      marked.push({ code, action, modifiers, line: i + 1, inDetails: detailsDepth > 0 });
      const inner = indent + ' '.repeat(bullet.length);
      const fence = `\`\`\`${fenceLanguage(action, '')}`;
      const note = modifierNote(modifiers);
      if (note) out.push(`${indent}${bullet}${note}`, '', `${inner}${fence}`);
      else out.push(`${indent}${bullet}${fence}`);
      out.push(`${inner}${code}`, `${inner}\`\`\``);
      continue;
    }
    const translated = line.replace(INLINE, (_all, code: string, word: string, mods: string | undefined) => {
      marked.push({
        code,
        action: actionOf(word),
        modifiers: modifiersOf(mods),
        line: i + 1,
        inDetails: detailsDepth > 0,
      });
      return `\`${code}\``;
    });
    for (const match of translated.matchAll(LEFTOVER)) leftovers.push({ line: i + 1, text: match[0] });
    for (const match of translated.matchAll(LOCAL_PICTURE)) leftovers.push({ line: i + 1, text: match[0] });
    out.push(translated);
  }
  return { markdown: out.join('\n'), marked, leftovers };
}

/** The commands the author marked to run inside <details> blocks: the scenario's solution, in order. */
export function solutionCommands(translated: TranslatedMarkdown): string[] {
  return translated.marked.filter((m) => m.inDetails && m.action === 'exec').map((m) => m.code);
}
