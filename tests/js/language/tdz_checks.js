function a() { try { x; } catch (e) { print(e.name); } let x = 1; print(x); }
a();
function b(v) { switch (v) { case 0: let y = 1; break; case 1: try { y; } catch (e) { print("switch", e.name); } } }
b(1);
function c() { for (let i = 0; i < 2; i++) { try { z; } catch (e) { print("loop", e.name); } let z = i; print(z); } }
c();
function d() { let f = () => w; try { f(); } catch (e) { print("closure", e.name); } let w = 2; print(f()); }
d();
function e2() { const k = 5; k; try { k = 6; } catch (e) { print(e.name); } }
e2();
