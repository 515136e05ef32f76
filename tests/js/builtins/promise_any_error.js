// The AggregateError of Promise.any has no stack frames (as in V8), so node's console shows it
// bracketed even when awaited code rethrows it. Expected output from node 20.
async function main() {
  try { await Promise.any([Promise.reject(1), Promise.reject(2)]); } catch (e) { console.log(e); console.log(e.stack); }
  try { await Promise.any([]); } catch (e) { console.log(e.stack.split('\n').length > 1); }
  Promise.any([Promise.reject(new Error('x'))]).catch(e => console.log(e.errors.length, String(e)));
}
main();
