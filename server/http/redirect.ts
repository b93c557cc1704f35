/**
 * Where to send the browser after a ?token= sign-in: the same page on THIS server. A path such as
 * `//evil.example/` or `/\evil.example` would be read by browsers as another host, so anything that does not start
 * with exactly one slash followed by a plain character goes to the home page instead.
 */
export function sameSitePath(path: string): string {
  return /^\/(?![/\\])[^\s\\]*$/.test(path) ? path : '/';
}
