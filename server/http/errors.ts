import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LabError } from '../labs/errors.js';
import type { Logger } from '../log.js';
import { StoreWriteError } from '../store/errors.js';
import { redactUrl } from './redact.js';

/** An error with an HTTP status and a stable code; the message is shown to the user as is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string } & Record<string, unknown>;
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, ...details } };
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No API route ${req.method} ${req.originalUrl.split('?')[0]}.`));
};

/** Every failure leaves as { error: { code, message } }; unexpected ones are logged and not leaked. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError || error instanceof LabError) {
      res.status(error.status).json(errorBody(error.code, error.message, error.details));
      return;
    }
    if (error instanceof StoreWriteError) {
      // the operator needs the file and the errno; the learner only that nothing changed and whom to tell
      logger.error({ err: error, method: req.method, url: redactUrl(req.originalUrl) }, 'store write failed');
      res.status(507).json(errorBody('store_unwritable', storeUnwritableMessage(error)));
      return;
    }
    if (isBodyParserError(error)) {
      res.status(400).json(errorBody('invalid_json', `The request body is not valid JSON: ${error.message}`));
      return;
    }
    // a sign-in link's ?token= must never reach the log, so the query goes
    logger.error({ err: error, method: req.method, url: redactUrl(req.originalUrl) }, 'request failed');
    res
      .status(500)
      .json(errorBody('internal', 'Something went wrong on the server; the server log has the details.'));
  };
}

function storeUnwritableMessage(error: StoreWriteError): string {
  const what = error.full ? 'its data disk is full' : 'its data dir cannot be written';
  return (
    `The server could not save this change because ${what}; nothing was changed. Tell the server's operator ` +
    `(the server log names the file and the fix: ${error.full ? 'free disk space' : 'make it writable'}), then try again.`
  );
}

function isBodyParserError(error: unknown): error is Error & { type: string } {
  return error instanceof Error && 'type' in error && error.type === 'entity.parse.failed';
}
