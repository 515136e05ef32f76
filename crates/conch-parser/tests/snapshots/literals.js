n = [0, 1.5e3, 0x1F, 0o17, 0b101, 017, 1_000_000, .5, 9007199254740993, 123n, 0xFFn];
s = ["a\tb", 'c\u{1F600}', "\uD800", "\x41\
continued"];
t = `line1
line2 ${n} \u0041`;
r = [/a[/]b/gimsuy, /(?<name>\d+)\k<name>/v, /[\p{L}--[a-z]]/v];
