import { fileURLToPath } from 'node:url';
import { normalizeImageRef } from '../clusters/kind/image-ref.js';

/** The repository's `images/` folder: one build folder (Dockerfile + packages.txt) per common image. */
export const COMMON_IMAGES_DIR = fileURLToPath(new URL('../../images/', import.meta.url));

/**
 * An image that content written for the internet names all the time, built offline from Debian's package so a
 * lab can run it. Its tag is the real upstream minor inside (Debian's), never the tag a manifest asked for; the
 * Dockerfile fails the build if Debian's package moved to another minor.
 */
export interface CommonImage {
  /** build folder under images/ */
  name: string;
  ref: string;
  /** repositories it stands in for, normalised (docker.io/library/nginx) */
  standsFor: readonly string[];
  /** what is inside, for reports */
  inside: string;
}

export const COMMON_IMAGES: readonly CommonImage[] = [
  {
    name: 'nginx',
    ref: 'cks-lab/nginx:1.22',
    standsFor: ['docker.io/library/nginx'],
    inside: "nginx 1.22 from Debian's package, laid out like the nginx image",
  },
  {
    name: 'httpd',
    ref: 'cks-lab/httpd:2.4',
    standsFor: ['docker.io/library/httpd'],
    inside: "Apache httpd 2.4 from Debian's apache2 package, laid out like the httpd image",
  },
  {
    name: 'curl',
    ref: 'cks-lab/curl:7.88',
    standsFor: ['docker.io/curlimages/curl'],
    inside: "curl 7.88 from Debian's package, used like curlimages/curl (user 100)",
  },
];

/** The repository part of a reference, normalised: "nginx:1.25" → "docker.io/library/nginx"; null if invalid. */
export function repositoryOf(ref: string): string | null {
  let full: string;
  try {
    full = normalizeImageRef(ref);
  } catch {
    return null;
  }
  const withoutDigest = full.split('@', 1)[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const tagColon = withoutDigest.indexOf(':', lastSlash + 1);
  return tagColon === -1 ? withoutDigest : withoutDigest.slice(0, tagColon);
}

/** The common image a scenario names by its own ref (e.g. `cks-lab/nginx:1.22`), if it is one. */
export function commonImageByRef(ref: string): CommonImage | undefined {
  let full: string;
  try {
    full = normalizeImageRef(ref);
  } catch {
    return undefined;
  }
  return COMMON_IMAGES.find((image) => normalizeImageRef(image.ref) === full);
}

/**
 * The offline stand-in for an upstream reference (`nginx`, `nginx:1.25`, `curlimages/curl:8.5.0`), if any. A digest
 * names exact content, which a stand-in is not: such references get none.
 */
export function standInFor(ref: string): CommonImage | undefined {
  if (ref.includes('@')) return undefined;
  const repository = repositoryOf(ref);
  if (repository === null) return undefined;
  return COMMON_IMAGES.find((image) => image.standsFor.includes(repository));
}
