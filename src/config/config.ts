import { z } from 'zod';

/** Every setting paperboy reads from the environment, validated once at start. */
export interface Config {
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  readonly baseUrl: string;
  readonly logLevel: string;
  /** Sources `serve` harvests on its schedule, e.g. "hf-daily,arxiv-rss:cs.AI+cs.CL". */
  readonly schedule: readonly string[];
  /** Minutes between scheduled harvest rounds. */
  readonly harvestIntervalMinutes: number;
  readonly arxivApiUrl: string;
  readonly arxivOaiUrl: string;
  readonly arxivRssUrl: string;
  readonly hfApiUrl: string;
  /** Minimum milliseconds between two requests to arXiv (their rule: 3 s). */
  readonly arxivDelayMs: number;
  /** Whether readers may add a paper the site lacks by its arXiv id (one arXiv API request each). */
  readonly arxivLookup: boolean;
  readonly smtpUrl: string | undefined;
  /** The server-side cache of rendered pages (see src/web/http/page-cache.ts). */
  readonly pageCache: PageCacheConfig;
  /** Key for signed links (confirm, unsubscribe, preferences). Unset: one is generated and kept in the database. */
  readonly secret: string | undefined;
  /** Sender of every email, e.g. `paperboy <digest@example.org>`. */
  readonly mailFrom: string;
  /** Most emails sent per second (SMTP servers and providers throttle bursts). */
  readonly mailRatePerSecond: number;
  /** Hour of the day (UTC) at which `serve` sends the day's digests. */
  readonly digestHourUtc: number;
  readonly embeddings: EmbeddingsConfig;
  /** Trust X-Forwarded-For from a reverse proxy: true, false, or the proxies' addresses/CIDRs (comma-separated). */
  readonly trustProxy: boolean | string;
}

/** Where paper embeddings come from. */
export interface EmbeddingsConfig {
  /** An OpenAI-compatible base URL (its `/v1/embeddings` or `/embeddings` is called); unset: the built-in offline model. */
  readonly url: string | undefined;
  readonly model: string | undefined;
  readonly apiKey: string | undefined;
  /** Per-request limit before a call counts as failed (search then falls back to keyword). */
  readonly timeoutMs: number;
  /** Seconds between two runs of the background job that embeds new papers in `serve`. */
  readonly intervalSeconds: number;
}

/** Limits of the rendered-page cache; `maxBytes` 0 turns it off. */
export interface PageCacheConfig {
  /** Bodies kept, in bytes (least recently used dropped first). PAPERBOY_PAGE_CACHE_MB, default 64. */
  readonly maxBytes: number;
  /** How long one data-version read is reused; the most a page can lag behind a write. Default 0: read on every request. */
  readonly versionTtlMs: number;
  /** Longest life of an entry, for pages that also depend on the clock (trending). Default 60 s. */
  readonly maxAgeMs: number;
}

export const DEFAULT_SCHEDULE = ['hf-daily@120', 'arxiv-rss:cs.AI+cs.CL+cs.CV+cs.LG'];

const schema = z.object({
  DATABASE_URL: z.string().min(1).default('./data/paperboy.db'),
  PAPERBOY_HOST: z.string().min(1).default('0.0.0.0'),
  PAPERBOY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PAPERBOY_BASE_URL: z.string().url().optional(),
  PAPERBOY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAPERBOY_SCHEDULE: z.string().default(DEFAULT_SCHEDULE.join(',')),
  PAPERBOY_HARVEST_INTERVAL_MINUTES: z.coerce.number().positive().default(24 * 60),
  PAPERBOY_ARXIV_API_URL: z.string().url().default('https://export.arxiv.org/api/query'),
  PAPERBOY_ARXIV_OAI_URL: z.string().url().default('https://oaipmh.arxiv.org/oai'),
  PAPERBOY_ARXIV_RSS_URL: z.string().url().default('https://rss.arxiv.org/rss'),
  PAPERBOY_HF_API_URL: z.string().url().default('https://huggingface.co/api/daily_papers'),
  PAPERBOY_ARXIV_DELAY_MS: z.coerce.number().int().min(0).default(3000),
  PAPERBOY_ARXIV_LOOKUP: z.enum(['true', 'false'], { message: 'use true or false' }).default('true'),
  SMTP_URL: z.string().optional(),
  PAPERBOY_PAGE_CACHE_MB: z.coerce.number().min(0).max(65536).default(64),
  PAPERBOY_PAGE_CACHE_VERSION_TTL_MS: z.coerce.number().int().min(0).max(250).default(0),
  PAPERBOY_PAGE_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  PAPERBOY_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  PAPERBOY_MAIL_FROM: z.string().min(3).default('paperboy <paperboy@localhost>'),
  PAPERBOY_MAIL_RATE: z.coerce.number().positive().max(10000).default(20),
  PAPERBOY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  PAPERBOY_EMBEDDINGS_URL: z.string().url().optional(),
  PAPERBOY_EMBEDDINGS_MODEL: z.string().min(1).optional(),
  PAPERBOY_EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  PAPERBOY_EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(10000),
  PAPERBOY_TRUST_PROXY: z.string().regex(/^(true|false|[0-9a-fA-F.:/, ]+)$/, 'use true, false or the proxy addresses').default('false'),
  PAPERBOY_EMBED_INTERVAL_SECONDS: z.coerce.number().min(1).max(86400).default(15),
});

/** Every environment variable the configuration reads (unknown-settings.ts warns about the others). */
export const SETTING_NAMES: readonly string[] = Object.freeze(Object.keys(schema.shape));

function trustProxyValue(v: string): boolean | string {
  return v === 'true' || v === 'false' ? v === 'true' : v;
}

/** A configuration problem, reported with the variable that caused it. */
export class ConfigError extends Error {}

/** Reads and validates the environment once; the result is frozen so nothing changes it later. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    host: e.PAPERBOY_HOST,
    port: e.PAPERBOY_PORT,
    baseUrl: e.PAPERBOY_BASE_URL ?? `http://localhost:${e.PAPERBOY_PORT}`,
    logLevel: e.PAPERBOY_LOG_LEVEL,
    schedule: Object.freeze(e.PAPERBOY_SCHEDULE.split(',').map((s) => s.trim()).filter(Boolean)),
    harvestIntervalMinutes: e.PAPERBOY_HARVEST_INTERVAL_MINUTES,
    arxivApiUrl: e.PAPERBOY_ARXIV_API_URL,
    arxivOaiUrl: e.PAPERBOY_ARXIV_OAI_URL,
    arxivRssUrl: e.PAPERBOY_ARXIV_RSS_URL,
    hfApiUrl: e.PAPERBOY_HF_API_URL,
    arxivDelayMs: e.PAPERBOY_ARXIV_DELAY_MS,
    arxivLookup: e.PAPERBOY_ARXIV_LOOKUP === 'true',
    smtpUrl: e.SMTP_URL,
    pageCache: Object.freeze({
      maxBytes: Math.floor(e.PAPERBOY_PAGE_CACHE_MB * 1024 * 1024),
      versionTtlMs: e.PAPERBOY_PAGE_CACHE_VERSION_TTL_MS,
      maxAgeMs: e.PAPERBOY_PAGE_CACHE_MAX_AGE_SECONDS * 1000,
    }),
    secret: e.PAPERBOY_SECRET,
    mailFrom: e.PAPERBOY_MAIL_FROM,
    mailRatePerSecond: e.PAPERBOY_MAIL_RATE,
    digestHourUtc: e.PAPERBOY_DIGEST_HOUR,
    trustProxy: trustProxyValue(e.PAPERBOY_TRUST_PROXY),
    embeddings: Object.freeze({
      url: e.PAPERBOY_EMBEDDINGS_URL,
      model: e.PAPERBOY_EMBEDDINGS_MODEL,
      apiKey: e.PAPERBOY_EMBEDDINGS_API_KEY,
      timeoutMs: e.PAPERBOY_EMBEDDINGS_TIMEOUT_MS,
      intervalSeconds: e.PAPERBOY_EMBED_INTERVAL_SECONDS,
    }),
  });
}
