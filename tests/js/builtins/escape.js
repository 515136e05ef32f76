print(escape("abc ABC 123 @*_+-./ é€😀%"));
print(unescape("%41%u0042%zz%u00%4"), unescape(escape("héllo wörld €")));
print(escape.length, unescape.length, typeof escape);
