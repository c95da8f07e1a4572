import type { ParseResult, SourceName } from '../model/paper-record.js';

/**
 * One importable file format. `import` reads the first bytes of each (decompressed) file and asks
 * every format in turn whether it owns the file; the first that says yes parses it.
 */
export interface FileFormat {
  readonly name: SourceName;
  /** A short human description for messages ("Hugging Face daily_papers JSON"). */
  readonly label: string;
  /** `head` is the first ~64 KiB of decompressed text; true when this format owns the file. */
  sniff(head: string, fileName: string): boolean;
  /**
   * Streams the file's records. `input` yields decompressed text chunks in order; `origin` is the
   * file path used in each record's `source.origin` (`path:line` where lines mean something) and in
   * problems. Never throws for bad content: yields `{ ok: false, problem }` instead.
   */
  parse(input: AsyncIterable<string>, origin: string): AsyncIterable<ParseResult>;
}
