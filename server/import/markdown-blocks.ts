/** A fenced code block that stays one block whatever backticks the code holds. */
export function fenced(code: string, lang = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

/** The foreground script, shown (not run): cks-lab runs nothing in the learner's terminal. */
export function foregroundSection(script: string): string {
  return [
    '---',
    '',
    'On Killercoda this script ran in your terminal when the page opened. cks-lab does not run it: the ' +
      "scenario's setup has already finished when you read this. Run any part of it you still need yourself.",
    '',
    fenced(script, 'bash'),
  ].join('\n');
}
