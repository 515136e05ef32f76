// Writes to a module namespace fail in V8's words (without evaluating a deferred one).
import * as ns from "./namespace_messages.mjs";
export const x = 1;
try { ns.x = 2; } catch (e) { console.log(e.name + ": " + e.message); }
try { delete ns.x; } catch (e) { console.log(e.name + ": " + e.message); }
try { Object.defineProperty(ns, "x", { value: 3 }); } catch (e) { console.log(e.name + ": " + e.message); }
