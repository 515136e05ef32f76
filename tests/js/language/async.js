async function f(x) { print("f start", x); const y = await x; print("after await", y); return y * 2; }
const p = f(21);
print("sync after call", typeof p.then);
p.then(v => print("resolved", v));
async function g() { try { await Promise.reject(new Error("no")); } catch (e) { print("caught", e.message); } finally { print("g finally"); } return "g done"; }
g().then(print);
const h = async () => { throw new TypeError("arrow"); };
h().catch(e => print("rejected", e.name));
Promise.resolve(1).then(v => { print("then1", v); return v + 1; }).then(v => print("then2", v));
new Promise((res) => res("executor")).then(print);
Promise.all([1, Promise.resolve(2), f(3)]).then(v => print("all", v.join()));
Promise.race([new Promise(() => {}), Promise.resolve("race")]).then(print);
Promise.allSettled([Promise.reject(1), 2]).then(r => print(r.map(x => x.status).join()));
Promise.any([Promise.reject(1), Promise.resolve("any")]).then(print);
class K { async m() { return await this.v; } constructor() { this.v = Promise.resolve("method"); } }
new K().m().then(print);
(async function () { for (const x of [1, 2]) { print("loop", await x); } })();
print("end of script");
