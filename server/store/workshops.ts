import type { Database } from './database.js';
import { nowIso, shortId } from './ids.js';
import type { Workshop } from './schema.js';

export interface WorkshopRepository {
  create(title: string, createdBy: string): Promise<Workshop>;
  /** An open workshop by code (codes are compared case-insensitively: people type them). */
  findOpen(code: string): Workshop | undefined;
  list(): Workshop[];
  close(code: string): Promise<Workshop | undefined>;
}

export function createWorkshopRepository(db: Database): WorkshopRepository {
  return {
    create: (title, createdBy) =>
      db.update((data) => {
        const workshop: Workshop = { code: shortId(6), title, createdBy, createdAt: nowIso() };
        data.workshops.push(workshop);
        return workshop;
      }),
    findOpen: (code) =>
      db.read((data) => data.workshops.find((w) => w.code === code.trim().toLowerCase() && !w.closedAt)),
    list: () => db.read((data) => [...data.workshops]),
    close: (code) =>
      db.update((data) => {
        const workshop = data.workshops.find((w) => w.code === code);
        if (workshop && !workshop.closedAt) workshop.closedAt = nowIso();
        return workshop;
      }),
  };
}
