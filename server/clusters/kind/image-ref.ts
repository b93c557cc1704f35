/**
 * The fully qualified name containerd stores a Docker image reference under ("busybox:1.37" →
 * "docker.io/library/busybox:1.37"), following Docker's normalisation rules.
 */
export function normalizeImageRef(ref: string): string {
  if (!ref || /\s/.test(ref) || ref.startsWith('-')) throw new Error(`invalid image reference "${ref}"`);
  const [namePart, digest] = ref.split('@', 2) as [string, string | undefined];
  const lastSlash = namePart.lastIndexOf('/');
  const tagColon = namePart.indexOf(':', lastSlash + 1);
  const repository = tagColon === -1 ? namePart : namePart.slice(0, tagColon);
  const tag = tagColon === -1 ? undefined : namePart.slice(tagColon + 1);

  const [first, ...rest] = repository.split('/');
  const hasRegistry = rest.length > 0 && (/[.:]/.test(first!) || first === 'localhost');
  const path = hasRegistry ? rest.join('/') : repository;
  const registry = hasRegistry ? first! : 'docker.io';
  const fullPath = registry === 'docker.io' && !path.includes('/') ? `library/${path}` : path;

  const suffix = digest ? `${tag ? `:${tag}` : ''}@${digest}` : `:${tag ?? 'latest'}`;
  return `${registry}/${fullPath}${suffix}`;
}
