// print() converts symbols with their description, as String(symbol) does.
print(Symbol('x'), Symbol(), Symbol.iterator, String(Symbol('y')));
