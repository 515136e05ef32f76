// Fixture: re-exports of every kind.
export * from './lib.mjs';
export * as libNs from './lib.mjs';
export { default as Point2, bump as bumpAgain } from './lib.mjs';
import * as ns from './lib.mjs';
export { ns };
