export { fileValue } from '../model/coerce.js';
import type { DrachtioConfig } from '../model/config.js';
import type { Position } from '../xml/positions.js';

/** file:line:column of a value, as compilers write it. */
export const fileOrigin = (config: DrachtioConfig, pos: Position) => `${config.source}:${pos.line}:${pos.column}`;
