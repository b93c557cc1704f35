/**
 * A URL fit for the log: the query is dropped whole. It may carry a sign-in token, and matching only `token=`
 * would miss the same parameter percent-encoded (`%74oken=`), which the query parser decodes all the same.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : `${url.slice(0, query)}?[query redacted]`;
}
