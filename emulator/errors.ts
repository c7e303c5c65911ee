import { contract, type TwilioErrorBody } from '../spec/contract.js';
import type { Fault, Reply } from './fault.js';

/** The media type of every answer. */
export const JSON_TYPE = 'application/json';

/** A Twilio-shaped error answer from the spec's documented example for its status; the one error helper. */
export function errorReply(fault: Fault, status: number, message?: string, headers?: Record<string, string>): Reply {
  const body: TwilioErrorBody = { ...documented(status) };
  if (message) body.message = message;
  fault.error?.(body, status);
  return { status, type: JSON_TYPE, body: JSON.stringify(body), headers };
}

/** The documented example, or for an undocumented status (a fault's 500, a timeout) the 400 shape with that status. */
function documented(status: number): TwilioErrorBody {
  try {
    return contract.errorExample(status);
  } catch {
    return { ...contract.errorExample(400), status, message: status >= 500 ? 'Internal Server Error' : 'Bad Request' };
  }
}
