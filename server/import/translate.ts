import type { z } from 'zod';
import type { scenarioSchema } from '../scenarios/schema.js';
import type { ImportedScenario } from './imported-scenario.js';
import { foregroundSection } from './markdown-blocks.js';
import { missingSolutionStep } from './missing-solution.js';
import { solutionCommands, translateMarkdown } from './markdown-markers.js';
import { mapImages } from './image-mapping.js';
import { guessDifficulty, guessDomain, guessMinutes } from './metadata.js';
import { plainBashSteps, type StepInput } from './plain-bash-steps.js';
import type { SourcePage, SourceScenario } from './source.js';
import { scenarioYaml } from './scenario-yaml.js';
import { verifyCheck } from './verify-check.js';

type ScenarioInput = z.input<typeof scenarioSchema>;

const BACKGROUND_TIMEOUT_SECONDS = 900;
const SOLUTION_TIMEOUT_SECONDS = 600;

/** One cks-lab scenario folder from a Killercoda scenario (the rules are in docs/import.md). */
export function translateScenario(
  source: SourceScenario,
  id: string,
  schemaPath: string | undefined,
): ImportedScenario {
  const files = new Map<string, string | Buffer>();
  const translated: string[] = [];
  const markdown: ImportedScenario['markdown'] = [];
  const page = (text: SourcePage['text']) => {
    if (!text) return undefined;
    const result = translateMarkdown(text.text);
    markdown.push({ file: text.file, marked: result.marked, leftovers: result.leftovers });
    return result;
  };

  const setup: StepInput[] = source.assets.map((asset) => ({
    kind: 'copy',
    name: `asset ${asset.file} to ${asset.to}`,
    from: asset.file,
    to: asset.to,
    node: asset.node,
    mode: asset.mode,
  }));
  for (const asset of source.assets) files.set(asset.file, asset.content);
  if (source.assets.length)
    translated.push(`${source.assets.length} asset file(s) → copy steps at the start of setup`);

  const background = (pageSource: SourcePage | undefined, slug: string, label: string) => {
    if (!pageSource?.background) return;
    const file = `killercoda/${slug}-background.sh`;
    files.set(file, pageSource.background.text);
    setup.push(
      ...plainBashSteps(
        file,
        `${label}: background script (awaited)`,
        'control-plane',
        BACKGROUND_TIMEOUT_SECONDS,
      ),
    );
    translated.push(
      `${label} background ${pageSource.background.file} → setup step running ${file} (awaited)`,
    );
  };
  background(source.intro, 'intro', 'intro');

  const tasks: ScenarioInput['tasks'] = [];
  const solution: StepInput[] = [];
  const stepsWithSolution: number[] = [];
  source.steps.forEach((step, index) => {
    const n = index + 1;
    const slug = `step-${n}`;
    const label = `step ${n}`;
    background(step, slug, label);
    const text = page(step.text);
    const instructions = [
      text ? text.markdown.trim() : `_The Killercoda step ${n} has no text._`,
      ...(step.foreground ? [foregroundSection(step.foreground.text)] : []),
    ].join('\n\n');
    const instructionsFile = `tasks/${slug}.md`;
    files.set(instructionsFile, `${instructions}\n`);
    translated.push(
      `${label} "${step.title ?? slug}": ${step.text ? `${step.text.file} → ${instructionsFile}` : 'no text'}` +
        (step.foreground ? `; foreground ${step.foreground.file} shown in the instructions` : ''),
    );
    tasks.push({
      id: slug,
      title: step.title?.trim() || `Step ${n}`,
      instructionsFile,
      checks: [verifyCheck(step, slug, files, translated, label)],
    });
    const commands = text ? solutionCommands(text) : [];
    if (commands.length) {
      const file = `solution/${slug}.sh`;
      files.set(file, `# {{exec}} commands inside <details> of ${step.text?.file}\n${commands.join('\n')}\n`);
      solution.push(
        ...plainBashSteps(
          file,
          `${label}: the author's solution commands`,
          'control-plane',
          SOLUTION_TIMEOUT_SECONDS,
        ),
      );
      stepsWithSolution.push(n);
      translated.push(`${label} solution: ${commands.length} {{exec}} block(s) in <details> → ${file}`);
    }
  });
  if (solution.length === 0) solution.push(missingSolutionStep());

  const intro = page(source.intro?.text);
  const finish = page(source.finish?.text);
  const title = source.title?.trim() || source.name;
  const readme = [
    `# ${title}`,
    ...(source.description ? [source.description.trim()] : []),
    ...(intro ? [intro.markdown.trim()] : []),
    ...(source.intro?.foreground ? [foregroundSection(source.intro.foreground.text)] : []),
    ...(finish ? ['## When you are done', finish.markdown.trim()] : []),
  ].join('\n\n');
  files.set('README.md', `${readme}\n`);
  translated.push(
    `intro${source.intro?.text ? ` ${source.intro.text.file}` : ''}${source.finish?.text ? ` and finish ${source.finish.text.file}` : ''} → README.md`,
  );

  const allText = [title, source.description ?? '', ...source.steps.map((s) => s.text?.text ?? '')].join(
    '\n',
  );
  // last, so instructions, scripts and assets all name the same stand-ins
  const imageMappings = mapImages(files);
  for (const m of imageMappings) {
    translated.push(`image ${m.from} → ${m.to} (${m.inside}) in ${m.files.join(', ')}`);
  }
  const images = [...new Set(imageMappings.map((m) => m.to))];

  const domain = guessDomain(allText);
  const difficulty = guessDifficulty(source.difficulty);
  const minutes = guessMinutes(source.time, source.steps.length);
  const spec: ScenarioInput = {
    ...(schemaPath ? { $schema: schemaPath } : {}),
    id,
    title,
    description: (
      source.description?.trim() || `Imported from the Killercoda scenario ${source.name}.`
    ).slice(0, 2000),
    domain: domain.value,
    difficulty: difficulty.value,
    minutes: minutes.value,
    nodes: source.nodes,
    ...(images.length ? { images } : {}),
    instructions: 'README.md',
    tasks,
    setup,
    solution,
  };
  files.set('scenario.yaml', scenarioYaml(spec, schemaPath, source.name));
  return {
    id,
    files,
    markdown,
    translated,
    stepsWithSolution,
    imageMappings,
    guesses: [
      `domain: ${domain.value} (${domain.why})`,
      `difficulty: ${difficulty.value} (${difficulty.why})`,
      `minutes: ${minutes.value} (${minutes.why})`,
    ],
  };
}
