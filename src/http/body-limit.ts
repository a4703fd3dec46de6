import type { AppConfig } from '../config/app-config';
import { ProblemException, tooLarge } from './problem';

/** JSON bodies carry stdin and files as base64: room for the largest input plus encoding overhead. */
export const jsonBodyLimit = (config: AppConfig) => Math.ceil(config.ceilings.maxInputBytes * 1.4) + 1024 * 1024;

/** The 413 for a JSON body over the server's body limit, naming the limit and where it comes from. */
export function jsonBodyTooLarge(limitBytes: number): ProblemException {
  return tooLarge(
    'payload_too_large',
    `The request body is larger than the limit of ${limitBytes} bytes for a JSON body, set by the server's MAX_INPUT_SIZE (the base64 of that much input, and 1 MiB); stdin alone goes as application/octet-stream, which only the input limit holds`,
    limitBytes,
    { limit: 'jsonBodyBytes', limitSource: 'server', setting: 'MAX_INPUT_SIZE' },
  );
}
