// ShadowRealm.prototype.importValue: the module is the realm's own instance; exports wrapped.
var r = new ShadowRealm();
var p = r.importValue('./import_value_lib.mjs', 'value');
print(p instanceof Promise);
p.then(function (v) { print('value:', v); });
r.importValue('./import_value_lib.mjs', 'double').then(function (f) {
  print('double:', typeof f, f(21), f.name, f.length);
  return r.importValue('./import_value_lib.mjs', 'count');
}).then(function (count) {
  // The same module instance in that realm (loaded once); none in this realm.
  print('count:', count());
});
r.importValue('./import_value_lib.mjs', 'obj').catch(function (e) { print('object export:', e.constructor === TypeError); });
r.importValue('./import_value_lib.mjs', 'missing').catch(function (e) { print('missing export:', e.constructor === TypeError); });
r.importValue('./import_value_throws.mjs', 'x').catch(function (e) { print('throwing module:', e.constructor === TypeError); });
r.importValue('./no_such_module.mjs', 'x').catch(function (e) { print('no module:', e.constructor === TypeError); });
try { r.importValue('./import_value_lib.mjs', 1); } catch (e) { print('export name:', e.constructor === TypeError); }
try { ShadowRealm.prototype.importValue.call({}, 'x', 'y'); } catch (e) { print('brand:', e.constructor === TypeError); }
var order = [];
try {
  r.importValue({ toString() { order.push('specifier'); return './import_value_lib.mjs'; } }, 1);
} catch (e) { print('specifier first:', order.join(), e.constructor === TypeError); }
