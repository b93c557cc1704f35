import { Router } from 'express';
import type { PlatformStatus } from '../../platform/types.js';
import type { HttpDeps } from '../deps.js';

/** GET /api/platform: whether labs can start yet, what is being prepared, or what to run (the catalog's first look). */
export function platformRouter(deps: HttpDeps): Router {
  const router = Router();
  router.get('/platform', (_req, res) => {
    res.json({ platform: deps.platform.status() } satisfies { platform: PlatformStatus });
  });
  return router;
}
