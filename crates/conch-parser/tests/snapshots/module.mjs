import def, * as ns from "./a.js";
import { x as y, "string name" as z } from "./b.js" with { type: "json" };
export const c = await fetch(y);
export default class {}
export { def as "other name", z };
export * from "./c.js";
