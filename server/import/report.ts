import type { Findings } from './findings.js';
import type { ImportedScenario } from './imported-scenario.js';
import { checkSummaryLine, formatCheckSection, type ImportCheck } from './check-report.js';
import type { SourceScenario } from './source.js';

export const REPORT_FILE = 'IMPORT.md';

export interface ImportReport {
  source: SourceScenario;
  imported: ImportedScenario;
  findings: Findings;
  /** the output folder */
  out: string;
  /** problems `scenario lint` finds in the output, formatted; empty when it passes */
  lint: string[];
  /** how long reading, translating, writing and linting took */
  durationMs: number;
  /** `--check`: the run on a real cluster; absent when it was not asked for */
  check?: ImportCheck;
}

const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/\s+/g, ' ')}\``;
const list = (items: string[], none: string) => (items.length ? items.map((item) => `- ${item}`) : [none]);

/** IMPORT.md: every finding, grouped by what an author has to do about it. */
export function formatReport(report: ImportReport): string {
  const { source, imported, findings } = report;
  const form = source.form === 'katacoda' ? 'older Katacoda index.json' : 'Killercoda index.json';
  return [
    `# Import report: ${imported.id}`,
    '',
    `- Source: ${code(source.folder)} (${form})`,
    `- Nodes: ${source.nodes} (${source.backendNote})`,
    `- Lint: ${report.lint.length ? `${report.lint.length} problem(s), listed at the end` : 'passes'}`,
    `- Offline: ${findings.internet.length ? `no, ${findings.internet.length} line(s) need the internet` : 'nothing found that needs the internet'}`,
    `- Verify scripts: ${source.steps.length - findings.withoutVerify.length} of ${source.steps.length} step(s) have one`,
    `- Scripts that do not parse: ${findings.syntaxErrors.length}`,
    `- Solution: ${imported.stepsWithSolution.length ? `marked in step(s) ${imported.stepsWithSolution.join(', ')}` : 'none marked, so `scenario test` fails at the solution until an author writes one'}`,
    `- Check on a real cluster: ${report.check ? checkSummaryLine(report.check) : 'not run (`scenario import --check` runs it)'}`,
    '',
    ...(report.check ? [...formatCheckSection(report.check, imported.id), ''] : []),
    '## Needs the internet (will not work offline)',
    '',
    ...list(
      findings.internet.map(
        (need) => `${code(`${need.file}:${need.line}`)} ${need.kind}: ${code(need.what)}`,
      ),
      'Nothing found.',
    ),
    '',
    '## Images run by an offline stand-in',
    '',
    ...list(
      imported.imageMappings.map(
        (m) =>
          `${code(m.from)} → ${code(m.to)}: ${m.inside}; rewritten in ${m.files.map(code).join(', ')}. ` +
          'Check that nothing depends on the exact upstream version',
      ),
      'None.',
    ),
    '',
    '## Needs a node01 this one-node lab does not have',
    '',
    ...list(
      findings.conventions.map((need) => `${code(`${need.file}:${need.line}`)} ${need.what}`),
      'Nothing found.',
    ),
    '',
    '## Scripts that do not parse (`bash -n`)',
    '',
    ...list(
      findings.syntaxErrors.map(
        (error) =>
          `${code(error.file)} (${error.role}): ${code(error.message)}` +
          (error.role.endsWith('verify') ? '; its check fails on every run until the script is fixed' : '') +
          (error.role.endsWith('solution') ? '; the solution step fails until it is fixed' : ''),
      ),
      'None.',
    ),
    '',
    '## Steps without a verify script',
    '',
    ...list(
      findings.withoutVerify.map(
        (step) =>
          `${step}: its task has the check \`no-verify\`, which never passes, until an author adds one`,
      ),
      'None.',
    ),
    '',
    '## Steps without a marked solution',
    '',
    ...list(findings.withoutSolution, 'None.'),
    '',
    '## Not translated',
    '',
    ...list(
      [
        ...findings.leftovers.map(
          (left) =>
            `${code(`${left.file}:${left.line}`)} ${code(left.text)}: has no cks-lab meaning (a Killercoda placeholder, or a picture the lab page cannot show), left as it is`,
        ),
        ...source.ignored,
      ],
      'Nothing.',
    ),
    '',
    '## Review',
    '',
    ...list([...imported.guesses, ...findings.notes], 'Nothing.'),
    '',
    '## Translated',
    '',
    ...list(imported.translated, 'Nothing.'),
    ...(report.lint.length ? ['', '## Lint problems', '', ...list(report.lint.map(code), '')] : []),
    '',
  ].join('\n');
}

/** A few lines for the terminal; IMPORT.md has the rest. */
export function formatSummary(report: ImportReport): string {
  const { imported, findings } = report;
  const tasks = report.source.steps.length;
  return [
    `imported ${report.source.folder} → ${report.out} (${tasks} task(s), ${report.source.nodes} node(s))`,
    `  lint: ${report.lint.length ? `${report.lint.length} problem(s)` : 'passes'}`,
    `  needs the internet: ${findings.internet.length ? `${findings.internet.length} line(s) (will not work offline)` : 'nothing found'}`,
    `  images run by an offline stand-in: ${imported.imageMappings.length ? imported.imageMappings.map((m) => `${m.from} → ${m.to}`).join(', ') : 'none'}`,
    `  needs a node01 the lab lacks: ${findings.conventions.length}`,
    `  scripts that do not parse: ${findings.syntaxErrors.length}`,
    `  steps without a verify: ${findings.withoutVerify.length}`,
    `  solution: ${imported.stepsWithSolution.length ? `step(s) ${imported.stepsWithSolution.join(', ')}` : 'none marked'}`,
    `  report: ${report.out}/${REPORT_FILE}`,
  ].join('\n');
}
