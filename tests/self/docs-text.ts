import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's root folder, as a file URL ending in a slash. */
export const ROOT = new URL('../../', import.meta.url);

/** The text of a markdown file of the repository, by its path from the root (e.g. `docs/emulator.md`). */
export function readDoc(path: string): string {
  return readFileSync(fileURLToPath(new URL(path, ROOT)), 'utf8');
}

/** The text of one `## ` section of a markdown text, up to the next `## ` heading; '' when there is none. */
export function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The rows of the markdown table that follows a header line, as trimmed cells. */
export function table(text: string, header: string): string[][] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() === header);
  if (at < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

/** The names in backticks after the `**label**` lead-in of a paragraph (`**Faults** (…): \`a\` · \`b\``). */
export function namedList(text: string, label: string): string[] {
  const start = text.indexOf(`**${label}**`);
  if (start < 0) return [];
  const end = text.indexOf('\n\n', start);
  const paragraph = text.slice(start, end < 0 ? undefined : end);
  const list = paragraph.slice(paragraph.search(/\):\s/) + 3);
  return [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** A markdown text without its fenced code blocks (a `# comment` there is no heading, a `](x)` no link). */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** Every inline link target `[text](target)` of a markdown text, fenced code blocks left out. */
export function linkTargets(text: string): string[] {
  return [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** The anchors GitHub gives a text's headings: lower case, punctuation dropped, spaces as hyphens. */
export function anchors(text: string): Set<string> {
  const headings = [...prose(text).matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]);
  return new Set(
    headings.map((h) =>
      h
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}
