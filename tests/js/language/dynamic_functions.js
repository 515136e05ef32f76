const GF = Object.getPrototypeOf(function* () {}).constructor;
const g = new GF("a", "yield a; yield a * 2;");
print(GF.name, [...g(3)].join());
const AF = Object.getPrototypeOf(async function () {}).constructor;
AF("return 7")().then(v => print(AF.name, v));
const AGF = Object.getPrototypeOf(async function* () {}).constructor;
print(AGF.name, Object.getPrototypeOf(AF.prototype) === Function.prototype, Object.prototype.toString.call(async () => {}));
