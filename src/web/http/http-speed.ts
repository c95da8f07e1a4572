import type { FastifyInstance } from 'fastify';
import { conditionalGet } from './conditional-get.js';
import { compression } from './compression.js';
import { staticAssets } from './static-assets.js';
import type { AssetRegistry } from './asset-registry.js';

/**
 * Everything that makes responses cheap to fetch again: validators and 304s, compression, and
 * the hashed static assets. Call before registering routes; the hooks run in this order.
 */
export function httpSpeed(app: FastifyInstance, assets: AssetRegistry): void {
  conditionalGet(app);
  compression(app);
  staticAssets(app, assets);
}
