print("never");
var = 1;
