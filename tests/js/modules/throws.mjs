// Fixture: evaluation throws.
throw new RangeError('module failed');
