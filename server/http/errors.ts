import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LabError } from '../labs/errors.js';
import type { Logger } from '../log.js';
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

function isBodyParserError(error: unknown): error is Error & { type: string } {
  return error instanceof Error && 'type' in error && error.type === 'entity.parse.failed';
}
