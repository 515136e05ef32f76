const cases = require(process.cwd() + '/re_cases.json');
console.log(JSON.stringify(cases.map(([p, f]) => { try { new RegExp(p, f); return true; } catch (e) { return false; } })));
