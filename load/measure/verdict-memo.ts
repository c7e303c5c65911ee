/** Characters of answer bodies remembered with their verdicts, at most (about 32 MB). */
const REMEMBERED_CHARS = 16 << 20;

interface Remembered {
  status: number;
  type: string | undefined;
  body: string;
  lines: string[];
}

/**
 * Each path's last judged answer and its verdict: the very same status, Content-Type and bytes again get the verdict
 * they got, without parsing them again (the checks are pure, the load tool's context never changes during a run, and
 * on a 2xx answer no check reads another header); any other answer, a swapped one too, is judged in full.
 */
export interface VerdictMemo {
  /** The verdict of this very answer when the path's last one was byte for byte the same, else undefined. */
  recall(path: string, status: number, type: string | undefined, body: string): string[] | undefined;
  keep(path: string, status: number, type: string | undefined, body: string, lines: string[]): void;
}

/** A VerdictMemo bounded by the characters it holds (past them it starts over). */
export function createVerdictMemo(maxChars = REMEMBERED_CHARS): VerdictMemo {
  const last = new Map<string, Remembered>();
  let chars = 0;
  return {
    recall(path, status, type, body) {
      const seen = last.get(path);
      return seen && seen.body === body && seen.status === status && seen.type === type ? seen.lines : undefined;
    },
    keep(path, status, type, body, lines) {
      chars += body.length - (last.get(path)?.body.length ?? 0);
      if (chars > maxChars) {
        last.clear(); // bounded: start over rather than keep every body of a huge rotation
        chars = body.length;
      }
      last.set(path, { status, type, body, lines });
    },
  };
}
