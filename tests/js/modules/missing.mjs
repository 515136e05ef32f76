// Fixture: imports a name nobody exports (a link-time SyntaxError).
import { nothing } from './lib.mjs';
export default nothing;
