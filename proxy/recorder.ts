import { closeSync, openSync, writeSync } from 'node:fs';
import type { SecretsSeen } from './credentials.js';
import type { RecordingLine } from './recording-line.js';

/** The largest recording written (bytes); later exchanges are judged but not recorded. */
export const MAX_RECORDING_BYTES = 200 * 1024 * 1024;

/** Appends exchanges to a JSONL recording, one a line, redacted, bounded in total size. */
export class Recorder {
  private readonly fd: number;
  private written = 0;
  private full = false;

  constructor(
    readonly file: string,
    private readonly seen: SecretsSeen,
    private readonly maxBytes = MAX_RECORDING_BYTES,
  ) {
    this.fd = openSync(file, 'w');
  }

  /** Writes one line: ok, filled (this line did not fit: say so once), or skipped (full before). */
  write(line: RecordingLine): 'ok' | 'filled' | 'skipped' {
    if (this.full) return 'skipped';
    const text = this.seen.redactor.redact(JSON.stringify(line)) + '\n';
    const bytes = Buffer.byteLength(text);
    if (this.written + bytes > this.maxBytes) {
      this.full = true;
      return 'filled';
    }
    writeSync(this.fd, text);
    this.written += bytes;
    return 'ok';
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}
