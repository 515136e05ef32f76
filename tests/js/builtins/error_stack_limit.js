// Error.stackTraceLimit (as in V8): how many frames new stack traces keep. Expected: node.
function f(n) { if (n === 0) return new Error('deep'); return f(n - 1); }
const count = (e) => e.stack.split('\n').filter((l) => l.trim().startsWith('at ')).length;
print(Error.stackTraceLimit, count(f(30)));
Error.stackTraceLimit = 3;
print(count(f(30)));
Error.stackTraceLimit = 25;
print(count(f(30)));
Error.stackTraceLimit = 0;
print(count(f(30)));
print(JSON.stringify(Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')));
