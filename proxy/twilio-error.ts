import { contract, type TwilioErrorBody } from '../spec/contract.js';

/**
 * Twilio's generic server-error code, for statuses the spec documents no error for (a 502 from the proxy itself):
 * Twilio's Conversations spec declares no 5xx, so this is the one code the proxy chooses on its own.
 */
export const PROXY_ERROR_CODE = 20500;

/** A Twilio-shaped error body for a status: the spec's example where it documents one, else the same shape. */
export function twilioError(status: number, message: string): TwilioErrorBody {
  try {
    return { ...contract.errors.example(status), message };
  } catch {
    // more_info follows the spec's own examples: the docs page of the code.
    const example = contract.errors.example(404);
    const moreInfo = example.more_info.replace(String(example.code), String(PROXY_ERROR_CODE));
    return { code: PROXY_ERROR_CODE, message, more_info: moreInfo, status };
  }
}
