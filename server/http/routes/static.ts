import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/**
 * The built web app (web/dist). Client-side routes (/labs/abc, /join) get index.html; without a bundle the
 * page says how to build one instead of a bare 404.
 */
export function staticRouter(webRoot: string): Router {
  const router = Router();
  const index = join(webRoot, 'index.html');
  router.use(express.static(webRoot, { index: false, maxAge: '1h' }));
  router.get('/{*path}', (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/socket.io/')) {
      next();
      return;
    }
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send(
          'The web app is not built yet. Run "npm start" (it builds what is missing) or "npx vite build --config web/vite.config.ts".\n',
        );
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(index);
  });
  return router;
}
