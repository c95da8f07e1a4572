import { pino, type Logger, type DestinationStream } from 'pino';
import type { Config } from '../config/config.js';

export type { Logger };

/**
 * The one logger the server and the scheduler share: JSON lines on stdout (what log collectors
 * expect), at the level PAPERBOY_LOG_LEVEL names. Tests pass their own destination to read lines.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    name: 'paperboy',
    level: config.logLevel,
    // Never let a credential in a logged URL or header reach the log.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'databaseUrl'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
