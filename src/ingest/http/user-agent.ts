import { readFileSync } from 'node:fs';

/** Where operators of a source can read about the client that calls them (replace with the real home page). */
export const PROJECT_URL = 'https://github.com/paperboy-project/paperboy';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The User-Agent every harvest request sends, so source operators can tell who is calling. */
export const USER_AGENT = `paperboy/${packageVersion()} (+${PROJECT_URL})`;
