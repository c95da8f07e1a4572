import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A file the site serves as is (stylesheet, script): its logical name, content and media type. */
export interface Asset {
  /** Logical name such as `style.css`; pages ask for the URL by this name. */
  name: string;
  content: string | Buffer;
  /** The Content-Type header, e.g. `text/css; charset=utf-8`. */
  type: string;
}

/** An asset with its content-hashed URL and its bytes prepared once for every encoding. */
export interface HashedAsset extends Asset {
  href: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Where hashed assets are served from; everything under it may be cached for a year. */
export const ASSET_PREFIX = '/assets/';

function hashedName(name: string, hash: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}.${hash}${name.slice(dot)}` : `${name}.${hash}`;
}

/**
 * Maps logical asset names to URLs that change whenever the content does, so a browser may keep
 * an asset forever (`immutable`) and still sees a new version the moment a page links a new URL.
 * Compressed variants are built once here instead of on every request.
 */
export class AssetRegistry {
  private readonly byName = new Map<string, HashedAsset>();
  private readonly byHref = new Map<string, HashedAsset>();

  /** Adds (or replaces) an asset and returns its hashed URL. */
  add(asset: Asset): string {
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)*$/.test(asset.name)) throw new Error(`bad asset name: ${asset.name}`);
    const identity = Buffer.isBuffer(asset.content) ? asset.content : Buffer.from(asset.content, 'utf8');
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
    const href = `${ASSET_PREFIX}${hashedName(asset.name, hash)}`;
    const old = this.byName.get(asset.name);
    if (old) this.byHref.delete(old.href);
    const hashed: HashedAsset = {
      ...asset,
      href,
      etag: `"${hash}"`,
      identity,
      gzip: gzipSync(identity, { level: 9 }),
      br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    };
    this.byName.set(asset.name, hashed);
    this.byHref.set(href, hashed);
    return href;
  }

  /** The hashed URL of a registered asset; an unknown name is a programming error. */
  href(name: string): string {
    const asset = this.byName.get(name);
    if (!asset) throw new Error(`unknown asset: ${name}`);
    return asset.href;
  }

  /** The asset a request path names, or undefined (including for a stale hash). */
  find(path: string): HashedAsset | undefined {
    return this.byHref.get(path);
  }

  /** Every registered asset (for tests and diagnostics). */
  list(): HashedAsset[] {
    return [...this.byName.values()];
  }
}
