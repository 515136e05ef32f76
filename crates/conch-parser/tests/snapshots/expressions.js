a = b ? c : d || e && f | g ^ h & i == j < k << l + m * n ** o;
x ??= y?.z?.[w]?.(1, ...rest);
p = (-q) ** 2 === undefined ? void 0 : typeof r;
s = new T(1).u`tag ${v}`;
[a, , ...b] = [1, 2, 3];
({ c, d: [e = 1], ...f } = obj);
i++, --j;
