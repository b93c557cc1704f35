import { standInFor } from '../scenarios/common-images.js';
import { textOf } from './text-content.js';

/** One upstream image reference rewritten onto the common image that runs offline. */
export interface ImageMapping {
  from: string;
  to: string;
  /** what the stand-in holds (its real version), for the report */
  inside: string;
  /** output files where it was rewritten */
  files: string[];
}

/** Where a word is an image reference: a manifest's `image:` and kubectl's `--image`. Pulls are left alone. */
const IMAGE_CONTEXTS = [
  /^(\s*(?:-\s+)?image:\s*["']?)([^\s"'#]+)/gm,
  /(--image(?:=|\s+)["']?)([^\s"';|&`)]+)/g,
];
/** Characters that may stand around a whole reference elsewhere (a verify's `grep nginx:1.25`). */
const BEFORE = `(^|[\\s"'=(,\`])`;
const AFTER = `(?=$|[\\s"'),;\`])`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rewrites every reference to an image that has an offline stand-in (nginx, httpd, curlimages/curl) in the text
 * files of an imported scenario, in place. In `image:` and `--image` it rewrites any such reference; elsewhere only
 * the whole `name:tag` strings found there, so a verify comparing the pod's image still agrees with the manifest.
 * Returns what it rewrote; binary files and references built from variables are left as they are.
 */
export function mapImages(files: Map<string, string | Buffer>): ImageMapping[] {
  const mappings = new Map<string, ImageMapping>();
  const original = new Map<string, string>();
  for (const [file, content] of files) {
    const text = typeof content === 'string' ? content : textOf(content);
    if (text !== undefined) original.set(file, text);
  }
  const texts = new Map(original);
  const note = (from: string, file: string): string | undefined => {
    if (from.includes('$') || from.includes('{')) return undefined;
    const image = standInFor(from);
    if (!image) return undefined;
    const mapping = mappings.get(from) ?? { from, to: image.ref, inside: image.inside, files: [] };
    if (!mapping.files.includes(file)) mapping.files.push(file);
    mappings.set(from, mapping);
    return image.ref;
  };
  for (const [file, text] of texts) {
    let next = text;
    for (const context of IMAGE_CONTEXTS) {
      next = next.replace(context, (whole, prefix: string, ref: string) => {
        const to = note(ref, file);
        return to ? `${prefix}${to}` : whole;
      });
    }
    texts.set(file, next);
  }
  // the same whole references anywhere else (tags only: a bare `nginx` is too common a word)
  const tagged = [...mappings.values()].filter((m) => /:[\w.-]+$/.test(m.from) && !m.from.endsWith(':'));
  for (const [file, text] of texts) {
    let next = text;
    for (const mapping of tagged) {
      const whole = new RegExp(`${BEFORE}${escape(mapping.from)}${AFTER}`, 'g');
      next = next.replace(whole, (_match, before: string) => {
        if (!mapping.files.includes(file)) mapping.files.push(file);
        return `${before}${mapping.to}`;
      });
    }
    if (next !== original.get(file)) files.set(file, next);
  }
  return [...mappings.values()].sort((a, b) => a.from.localeCompare(b.from));
}
