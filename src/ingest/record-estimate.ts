import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { readHead, type InputFile } from './read-file.js';

/** The text size of a file: gzip stores it (mod 4 GiB) in its last four bytes. */
async function textSize(file: InputFile): Promise<number> {
  if (!file.gzip || file.size < 18) return file.size;
  const fh = await open(file.path, 'r');
  try {
    const buf = Buffer.alloc(4);
    await fh.read(buf, 0, 4, file.size - 4);
    let size = buf.readUInt32LE(0);
    while (size < file.size) size += 2 ** 32;
    return size;
  } catch {
    return file.size * 4;
  } finally {
    await fh.close();
  }
}

/** Files that hold records of one shape: one directory, one name ending (".jsonl.gz", ".json"). */
function shapeOf(path: string): string {
  const name = basename(path);
  const dot = name.indexOf('.', 1);
  return `${dirname(path)}\0${dot < 0 ? '' : name.slice(dot).toLowerCase()}`;
}

/** Records per text byte in a file's head (records start lines with `{` at the left margin in JSON
 * lines and indented JSON arrays alike); undefined when the head gives no hint. */
async function density(file: InputFile): Promise<number | undefined> {
  const head = await readHead(file).catch(() => '');
  const starts = head.match(/^(?: {0,4}|\t)\{/gm)?.length ?? 0;
  return starts < 2 ? undefined : starts / Buffer.byteLength(head);
}

/**
 * A rough record count for the progress bar: each group of like files (same directory and name
 * ending) contributes its text size times the records per byte of its first file's head, so an
 * import of pretty-printed JSON days beside a feed of JSON lines is estimated per kind rather than
 * from whichever file came first. Undefined when some group's head gives no hint (XML, one record).
 */
export async function estimateRecords(files: readonly InputFile[]): Promise<number | undefined> {
  if (!files.length) return undefined;
  const groups = new Map<string, InputFile[]>();
  for (const f of files) {
    const key = shapeOf(f.path);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  let total = 0;
  for (const group of groups.values()) {
    const perByte = await density(group[0]!);
    if (perByte === undefined) return undefined;
    let bytes = 0;
    for (const f of group) bytes += await textSize(f);
    total += bytes * perByte;
  }
  return Math.max(1, Math.round(total));
}
