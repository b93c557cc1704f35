import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { formatFieldPath, type Problem } from './problems.js';

export interface Position {
  line: number;
  col: number;
}

/** A parsed YAML file that remembers where every node came from, so problems can name file:line:col. */
export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Parses one YAML document; syntax errors come back as problems (all of them) and no source. */
  static parse(file: string, text: string): { source?: YamlSource; problems: Problem[] } {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const problems = document.errors.map((error) => {
      const at = lines.linePos(error.pos[0]);
      return { file, line: at.line, col: at.col, message: error.message.split('\n')[0] ?? error.message };
    });
    if (problems.length > 0) return { problems };
    return { source: new YamlSource(file, document, lines), problems: [] };
  }

  toJS(): unknown {
    return this.document.toJS();
  }

  /** Where the value at `path` starts; for a path that does not exist, where its nearest existing parent starts. */
  position(path: readonly PropertyKey[]): Position {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = this.document.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]);
    }
    return { line: 1, col: 1 };
  }

  /** Where the key `key` of the mapping at `path` is written (for "unknown field" problems). */
  keyPosition(path: readonly PropertyKey[], key: string): Position {
    const map = this.document.getIn(path as unknown[], true);
    if (isMap(map)) {
      const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return this.lines.linePos(pair.key.range[0]);
    }
    return this.position(path);
  }

  /** Lines to add to a line number inside the string at `path` to get the line in this file. */
  textLineOffset(path: readonly PropertyKey[]): number {
    const node = this.document.getIn(path as unknown[], true);
    const line = this.position(path).line;
    // a block scalar's text starts on the line after its `|` or `>` indicator
    return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
      ? line
      : line - 1;
  }

  problemAt(path: readonly PropertyKey[], message: string): Problem {
    return { file: this.file, ...this.position(path), field: formatFieldPath(path), message };
  }
}
