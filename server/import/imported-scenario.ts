import type { ImageMapping } from './image-mapping.js';
import type { MarkedCode } from './markdown-markers.js';

/** A translated scenario: the files of the cks-lab folder, and what translation found per source file. */
export interface ImportedScenario {
  id: string;
  /** path inside the output folder → content; scenario.yaml included */
  files: Map<string, string | Buffer>;
  /** per markdown file of the source: the marked code and placeholders left untranslated */
  markdown: { file: string; marked: MarkedCode[]; leftovers: { line: number; text: string }[] }[];
  /** what was translated into what, one line each, for the report */
  translated: string[];
  /** 1-based numbers of steps whose <details> held {{exec}} commands */
  stepsWithSolution: number[];
  /** upstream images rewritten onto the offline common images (nginx, httpd, curl) */
  imageMappings: ImageMapping[];
  /** metadata the importer had to guess */
  guesses: string[];
}
