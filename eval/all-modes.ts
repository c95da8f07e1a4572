import { KEYWORD_MODES, type Mode } from './modes.js';
import { SEMANTIC_MODES } from './semantic-modes.js';
import { SIMILAR_MODES } from './similar-modes.js';

/** Every mode `npm run eval` knows, in report order. */
export const ALL_MODES: Mode[] = [...KEYWORD_MODES, ...SEMANTIC_MODES, ...SIMILAR_MODES];
