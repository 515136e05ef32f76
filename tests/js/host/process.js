process.stdout.write('no newline, ');
process.stdout.write('then one\n');
console.log(process.stdout.write('x\n'), typeof process.stdout.isTTY, process.stderr.fd);
console.log(Array.isArray(process.argv), process.argv.length, process.argv[1].split('/').pop());
console.log(typeof process.env, typeof process.env.PATH, process.env.CONCH_NO_SUCH_VAR);
console.log(typeof process.platform, typeof process.pid, typeof process.cwd());
const t = process.hrtime();
console.log(t.length, typeof t[0], typeof process.hrtime.bigint(), process.hrtime(t)[0] >= 0);
console.log(typeof performance.now(), performance.now() >= 0, typeof performance.timeOrigin);
console.log(Object.keys(process.memoryUsage()).join(), process.uptime() >= 0);
console.log(global === globalThis, Object.prototype.toString.call(process), String(performance));
try { setTimeout(); } catch (e) { console.log(e.message); }
try { setTimeout(null); } catch (e) { console.log(e.message); }
try { setInterval({}); } catch (e) { console.log(e.message); }
try { setTimeout('a long string of code to run later'); } catch (e) { console.log(e.message); }
process.on('exit', (code) => console.log('exit event', code, process.exitCode));
process.once('exit', () => console.log('once'));
setTimeout(() => {
  process.exitCode = 3;
  console.log('timer ran');
}, 1);
