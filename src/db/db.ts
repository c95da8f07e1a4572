/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/**
 * What differs between SQLite and PostgreSQL, as data. Nothing outside src/db branches on the
 * dialect name; code asks for a capability instead.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Column type of an auto-increment integer primary key. */
  readonly serialPrimaryKey: string;
  /** Column type of binary data. */
  readonly blob: string;
  /** Column type of a 64-bit integer. */
  readonly bigint: string;
  /** Suffix for tables whose primary key is the only index they need (one B-tree instead of two). */
  readonly clusteredTable: string;
  /** Largest number of bound parameters one statement may carry. */
  readonly maxParams: number;
  /** Takes a database-wide lock for the rest of the current transaction (merges, migrations). */
  readonly lockStatement: string | null;
  /** Expression for "now" as an ISO-8601 text value. */
  readonly nowText: string;
  /** Expression for the length in bytes of a text expression (UTF-8): above its length in characters iff it is not ASCII. */
  readonly byteLength: (text: string) => string;
  /** Lists the schema's own tables as rows `{ name }` (copies check that they know every one). */
  readonly tableNames: string;
  /**
   * Moves an identity column's counter past the highest id in its table, after rows were inserted
   * with their ids; null where the next id already follows the highest one (SQLite's rowid).
   */
  readonly serialReset: ((table: string, column: string) => string) | null;
}

/**
 * The SQL seam: statements use `?` placeholders on both databases. Only src/db and src/store
 * import this.
 */
export interface Db {
  readonly dialect: Dialect;
  /** A human-readable description of where the data lives (never includes a password). */
  readonly location: string;
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs several `;`-separated statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; a thrown error rolls everything back. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs fn in one read-only transaction that sees the data as it was when it began, whatever
   * other connections write meanwhile (a copy or backup of a running instance), without blocking them.
   */
  snapshot<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Writes a consistent copy of the whole database into a new file by the database's own means
   * (SQLite's VACUUM INTO, several times faster than copying row by row); false where there is none.
   */
  copyToNewFile(file: string): Promise<boolean>;
  /** Size of the database in bytes, for stats. */
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

/** Builds "(?, ?, ?), (?, ?, ?)" for a multi-row VALUES list. */
export function valuesList(rows: number, columns: number): string {
  const one = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(one).join(', ');
}

/** Builds "?, ?, ?" for an IN list. */
export function placeholders(n: number): string {
  return new Array(n).fill('?').join(', ');
}

/** Splits items into chunks so that each statement stays under the dialect's parameter limit. */
export function chunksFor<T>(db: Db, items: readonly T[], paramsPerItem: number, cap = 1000): T[][] {
  const size = Math.max(1, Math.min(cap, Math.floor(db.dialect.maxParams / paramsPerItem)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
