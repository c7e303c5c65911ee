import { contract, type TwilioErrorBody } from '../spec/contract.js';
import type { Fault, Reply } from './fault-hooks.js';
import type { Play } from './readings.js';

/** The media type of every answer. */
export const JSON_TYPE = 'application/json';

/** What shapes an error body: the fault's hook and the readings' play (error-detail). */
export interface ErrorCtx {
  fault: Fault;
  play: Play;
}

/** A Twilio-shaped error answer from the spec's documented example for its status; the one error helper. */
export function errorReply(ctx: ErrorCtx, status: number, message?: string, headers?: Record<string, string>): Reply {
  const { code, ...rest } = documented(status);
  // error-detail: Twilio's observed key order, detail right after code
  const body = (ctx.play.detail ? { code, detail: '', ...rest } : { code, ...rest }) as TwilioErrorBody;
  if (message) body.message = message;
  ctx.fault.error?.(body, status);
  return { status, type: JSON_TYPE, body: JSON.stringify(body), headers };
}

/** The documented example, or for an undocumented status (a fault's 500, a timeout) the 400 shape with that status. */
function documented(status: number): TwilioErrorBody {
  try {
    return contract.errors.example(status);
  } catch {
    return {
      ...contract.errors.example(400),
      status,
      message: status >= 500 ? 'Internal Server Error' : 'Bad Request',
    };
  }
}
