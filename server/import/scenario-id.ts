import { ImportError } from './import-error.js';

const ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** A scenario id from a folder name: "CKS_Audit Logs" → "cks-audit-logs". */
export function idFromName(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  if (!ID.test(id))
    throw new ImportError(
      `cannot make a scenario id from the folder name "${name}"; pass --out <folder>/<id>`,
    );
  return id;
}

/** The output folder's name is the scenario id (the loader requires it). */
export function idOfOutputFolder(name: string): string {
  if (!ID.test(name))
    throw new ImportError(
      `the output folder name "${name}" is not a scenario id (lowercase letters, digits and dashes); ` +
        'pass --out <folder>/<id>',
    );
  return name;
}
