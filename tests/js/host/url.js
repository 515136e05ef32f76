const inputs = [
  ['https://user:pa ss@Example.COM:443/a/./b/../c%20d/ e?q=1 2&x=<y>#frag ment'],
  ['http://example.com:8080'], ['HTTP://EXAMPLE.com/'], ['http://example.com/path/'], ['https://example.com?x'], ['https://example.com#'],
  ['../up?z=1', 'http://h.com/a/b/c'], ['./same', 'http://h.com/a/b/c'], ['/abs', 'http://h.com/a/b/c?q'], ['?newq', 'http://h.com/a/b?old#f'], ['#newf', 'http://h.com/a/b?old#f'],
  ['//other.org/x', 'https://h.com/'], ['mailto:someone@example.com?subject=Hi there'], ['data:text/plain,hello world'], ['javascript:alert(1)'],
  ['file:///home/user/file.txt'], ['ws://chat.example.com:80/room'], ['custom://host/path?q#f'], ['urn:isbn:0451450523'], ['http://[::1]:3000/x'],
  ['http://example.com/ünïcode/路径?q=é#ß'], ['https://example.com/a/b/../../..'], ['http://h.com\\back\\slash'], ['  https://trim.me/  '], ['http://a.com/%7Efoo/%2e%2E/x'],
  ['not a url'], ['http://'], ['https://ex.com:99999'], ['', 'https://base.com/x/y'], ['x', 'mailto:a@b'],
];
for (const [i, b] of inputs) {
  try {
    const u = new URL(i, b);
    console.log(JSON.stringify([u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash]));
  } catch (e) { console.log(e.name, e.message, e.code, JSON.stringify(e.input)); }
}
const u = new URL('https://shop.example.com/items?category=books&sort=price&tag=a&tag=b');
console.log(u.searchParams.get('category'), u.searchParams.getAll('tag'), u.searchParams.has('sort'), u.searchParams.size, [...u.searchParams], [...u.searchParams.keys()]);
u.searchParams.append('page', '2'); u.searchParams.set('sort', 'name desc'); u.searchParams.delete('tag');
console.log(u.href, u.search, String(u), JSON.stringify({ u }));
u.pathname = '/new path/x'; u.hash = 'top'; u.port = '8443'; u.hostname = 'other.example.com'; u.search = '?a=1&b=€';
console.log(u.href, u.searchParams.get('b'));
const p = new URLSearchParams('?a=1&b=hello+world&c=%E2%82%AC&d&=e&a=2');
console.log(p.toString(), p.get('b'), p.get('c'), p.get('d'), p.get(''), p.getAll('a'));
p.sort(); console.log(p.toString());
console.log(new URLSearchParams({ q: 'a b&c=d', n: 1, e: 'ü~*-._!\'()' }).toString(), new URLSearchParams([['x', '1'], ['y', '2']]).toString());
const pp = new URLSearchParams('z=1&a=2'); pp.forEach((v, k) => console.log(k, v));
console.log(URL.canParse('http://x'), URL.canParse('nope'), Object.prototype.toString.call(new URL('http://x')), typeof URL, typeof URLSearchParams);
const { URL: U2, fileURLToPath } = require('url'); console.log(U2 === URL, fileURLToPath('file:///tmp/a%20b.txt'));
