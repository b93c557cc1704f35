/**
 * Bounds on everything read from a Killercoda folder: the folder is untrusted input, so no file, list or
 * folder may make the importer read or write without limit.
 */
export const LIMITS = {
  /** index.json and structure.json */
  jsonBytes: 256 * 1024,
  /** a markdown text or a script */
  textBytes: 256 * 1024,
  /** one asset file */
  assetBytes: 2 * 1024 * 1024,
  /** all assets of a scenario together */
  assetsTotalBytes: 16 * 1024 * 1024,
  assetFiles: 200,
  steps: 50,
  courseItems: 100,
} as const;
