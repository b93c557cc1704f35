import { bashSyntaxError } from './bash-syntax.js';
import type { ImportedScenario } from './imported-scenario.js';
import { textOf } from './text-content.js';
import { findInternetNeeds, type InternetNeed } from './internet-needs.js';
import { findConventionNeeds, type ConventionNeed } from './lab-conventions.js';
import type { SourceScenario, SourceText } from './source.js';

/** What an author must know about an import: nothing here is hidden from the report. */
export interface Findings {
  internet: InternetNeed[];
  /** node01 named by content imported into a one-node lab */
  conventions: ConventionNeed[];
  /** scripts `bash -n` rejects; verify scripts among them will fail every check */
  syntaxErrors: { file: string; role: string; message: string }[];
  /** step titles without a verify script */
  withoutVerify: string[];
  /** step titles without {{exec}} commands in a <details> block */
  withoutSolution: string[];
  /** Killercoda placeholders left in the markdown */
  leftovers: { file: string; line: number; text: string }[];
  /** Killercoda behaviour cks-lab does differently */
  notes: string[];
}

export async function findingsFor(source: SourceScenario, imported: ImportedScenario): Promise<Findings> {
  const scripts: { text: SourceText; role: string }[] = [];
  const pages = [
    { page: source.intro, label: 'intro' },
    ...source.steps.map((page, i) => ({ page, label: `step ${i + 1}` })),
  ];
  for (const { page, label } of pages) {
    if (page?.background) scripts.push({ text: page.background, role: `${label} background` });
    if (page?.foreground) scripts.push({ text: page.foreground, role: `${label} foreground` });
    if (page?.verify) scripts.push({ text: page.verify, role: `${label} verify` });
  }
  for (const n of imported.stepsWithSolution) {
    const file = `solution/step-${n}.sh`;
    const text = imported.files.get(file);
    if (typeof text === 'string') scripts.push({ text: { file, text }, role: `step ${n} solution` });
  }
  const syntaxErrors: Findings['syntaxErrors'] = [];
  for (const script of scripts) {
    const message = await bashSyntaxError(script.text.text);
    if (message) syntaxErrors.push({ file: script.text.file, role: script.role, message });
  }

  // scripts, the code the instructions mark (solution files are made of it), and text assets
  const texts = [
    ...scripts
      .filter((script) => !script.role.endsWith('solution'))
      .map((script) => ({ ...script.text, offset: 0 })),
    ...imported.markdown.flatMap((md) =>
      md.marked.map((code) => ({ file: md.file, text: code.code, offset: code.line - 1 })),
    ),
    ...source.assets.flatMap((asset) => {
      const text = textOf(asset.content);
      return text === undefined ? [] : [{ file: asset.file, text, offset: 0 }];
    }),
  ];
  const located = <T extends { line: number }>(find: (text: string, file: string) => T[]) =>
    texts.flatMap(({ file, text, offset }) =>
      find(text, file).map((hit) => ({ ...hit, line: hit.line + offset })),
    );
  const internet = located(findInternetNeeds);
  const conventions = located((text, file) => findConventionNeeds(text, file, source.nodes));

  const stepTitle = (i: number) => `step ${i + 1} "${source.steps[i]?.title ?? ''}"`;
  const backgroundSteps = source.steps.flatMap((step, i) => (step.background ? [i + 1] : []));
  return {
    internet,
    conventions,
    syntaxErrors,
    withoutVerify: source.steps.flatMap((step, i) => (step.verify ? [] : [stepTitle(i)])),
    withoutSolution: source.steps.flatMap((_, i) =>
      imported.stepsWithSolution.includes(i + 1) ? [] : [stepTitle(i)],
    ),
    leftovers: imported.markdown.flatMap((md) => md.leftovers.map((left) => ({ file: md.file, ...left }))),
    notes: [
      ...(backgroundSteps.some((n) => n > 1)
        ? [
            `background scripts of step(s) ${backgroundSteps.filter((n) => n > 1).join(', ')} run in the setup, ` +
              'before the learner starts, not when the step opens as on Killercoda',
          ]
        : []),
      ...(source.steps.some((step) => step.foreground) || source.intro?.foreground
        ? ['foreground scripts are shown in the instructions, not run']
        : []),
    ],
  };
}
