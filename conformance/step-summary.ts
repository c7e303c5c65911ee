import { appendFileSync } from 'node:fs';

/**
 * Appends a Markdown summary to the GitHub Actions job summary when GITHUB_STEP_SUMMARY names its file (elsewhere
 * nothing happens); the text must be redacted already. A file that cannot be written is one line, not a failed run.
 */
export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    appendFileSync(file, markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`);
  } catch (e) {
    console.error(`GITHUB_STEP_SUMMARY: cannot append to ${file} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}
