/** A Killercoda scenario as read from its folder: every file it names loaded, both index.json forms merged. */
export interface SourceText {
  /** path inside the Killercoda folder, for messages and the report */
  file: string;
  text: string;
}

export interface SourcePage {
  title?: string;
  text?: SourceText;
  verify?: SourceText;
  background?: SourceText;
  foreground?: SourceText;
}

export interface SourceAsset {
  /** path inside the Killercoda folder */
  file: string;
  content: Buffer;
  /** absolute path of the file on the node */
  to: string;
  /** octal, e.g. "0755" */
  mode: string;
  node: 'control-plane' | 'worker';
}

export interface SourceScenario {
  folder: string;
  /** the folder's name: the default scenario id */
  name: string;
  /** "killercoda": details.*.background/foreground; "katacoda": the older courseData/code/environment keys */
  form: 'killercoda' | 'katacoda';
  title?: string;
  description?: string;
  difficulty?: string;
  time?: string;
  nodes: 1 | 2;
  backendNote: string;
  intro?: SourcePage;
  steps: SourcePage[];
  finish?: SourcePage;
  assets: SourceAsset[];
  /** what index.json said that the importer does not use, and why */
  ignored: string[];
}
