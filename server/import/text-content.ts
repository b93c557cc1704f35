/** A file's content as text, or undefined when it looks binary (a NUL in its first 8000 bytes, as git decides). */
export function textOf(content: Buffer): string | undefined {
  return content.subarray(0, 8000).includes(0) ? undefined : content.toString('utf8');
}
