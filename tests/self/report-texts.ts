import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** The text of every entry in a zip archive (the HTML report embeds its data as one). */
function unzip(buf: Buffer): string[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
  }
  return out;
}

/** Every file under a folder as text, with the HTML report's embedded zip unpacked (so a scan sees what a reader would). */
export function reportTexts(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .flatMap((e) => {
      const file = join(e.parentPath, e.name);
      const text = readFileSync(file, 'utf8');
      const zip = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(text);
      const inner = zip ? unzip(Buffer.from(zip[1], 'base64')).map((t, i) => ({ file: `${file}#${i}`, text: t })) : [];
      return [{ file, text }, ...inner];
    });
}

/** What a file written by a nested run is, whatever its folder: `console`, `junit.xml`, `html data`, `error context`… */
export function outputKind(file: string): string {
  if (file === 'console') return 'console';
  if (/index\.html#\d+$/.test(file)) return 'html data';
  if (file.includes('/html/data/')) return 'html attachment';
  if (file.includes('/test-results/')) return `test-results ${file.slice(file.lastIndexOf('/') + 1)}`;
  const at = file.indexOf('/contract/');
  return at >= 0 ? file.slice(at + 1) : file.slice(file.lastIndexOf('/') + 1);
}

/** The outputs of a failed nested run that each carry its verdict: a check the run broke is named in every one. */
export const VERDICT_OUTPUTS: readonly string[] = [
  'console',
  'contract/conformance.html',
  'contract/conformance.json',
  'contract/conformance.md',
  'html attachment',
  'html data',
  'junit.xml',
  'results.json',
  'test-results error-context.md',
];
