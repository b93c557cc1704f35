import { standInFor } from '../scenarios/common-images.js';
import { isOnNode } from './node-images.js';

/** Something in a script, a command or a manifest that needs the internet, so it will not work in a cks-lab lab. */
export interface InternetNeed {
  /** file inside the imported scenario's source, e.g. step1/background.sh */
  file: string;
  line: number;
  kind: 'package install' | 'download' | 'image pull' | 'image not on the node';
  what: string;
}

const PACKAGE_INSTALL =
  /\b(?:(?:apt-get|apt|yum|dnf|zypper)\s+(?:-\S+\s+)*(?:install|update|upgrade)|apk\s+(?:-\S+\s+)*add|pip3?\s+install|python3?\s+-m\s+pip\s+install|npm\s+(?:install|i)|gem\s+install|snap\s+install|go\s+install)\b/;
const DOWNLOAD_COMMAND =
  /\b(?:curl|wget|git\s+clone|helm\s+(?:repo\s+add|install|pull)|kubectl\s+(?:apply|create|replace)\b[^\n]*\s-f|go\s+get)\b/;
const URL = /\b(?:https?|ftp):\/\/([^\s/"'`:?#]+)/g;
const PULL =
  /\b(?:docker|crictl|podman|nerdctl|ctr(?:\s+-n\s+\S+)?\s+(?:images|image|i))\s+pull\s+(?:-\S+\s+)*["']?([^\s"';|&]+)/;
const POD_IMAGE = /^\s*(?:-\s+)?image:\s*["']?([^\s"'#]+)/;
const FLAG_IMAGE = /--image(?:=|\s+)["']?([^\s"';|&]+)/;

/** A host on the internet, as opposed to the node, a Service, or an address inside the lab. */
export function isExternalHost(host: string): boolean {
  const name = host.toLowerCase();
  if (!name.includes('.') || name.includes('$') || name.includes('{')) return false;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return false;
  return !/(\.svc|\.cluster\.local|\.local|\.internal|\.localhost)$/.test(name);
}

/** Every line of a script, a command list or a manifest that needs the internet. */
export function findInternetNeeds(text: string, file: string): InternetNeed[] {
  const needs: InternetNeed[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || line === '') return;
    const at = (kind: InternetNeed['kind'], what: string) =>
      needs.push({ file, line: index + 1, kind, what: what.slice(0, 160) });
    if (PACKAGE_INSTALL.test(line)) at('package install', line);
    if (DOWNLOAD_COMMAND.test(line)) {
      const external = [...line.matchAll(URL)].filter((m) => isExternalHost(m[1] ?? ''));
      if (external.length) at('download', line);
    }
    const pulled = PULL.exec(line)?.[1];
    if (pulled) at('image pull', pulled);
    const image = POD_IMAGE.exec(raw)?.[1] ?? FLAG_IMAGE.exec(line)?.[1];
    // images with an offline stand-in are rewritten onto it (the report lists them under their own heading)
    if (image && !image.includes('$') && !isOnNode(image) && !standInFor(image))
      at('image not on the node', image);
  });
  return needs;
}
