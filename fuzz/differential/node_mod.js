const vm = require('vm');
const cases = require('./cases.json');
const out = cases.map(src => { try { new vm.SourceTextModule(src); return true; } catch (e) { return e instanceof SyntaxError ? false : 'other:' + e.message; } });
console.log(JSON.stringify(out));
