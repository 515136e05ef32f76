// Fixture: top-level await.
export let ready = false;
await Promise.resolve();
ready = true;
export const value = await new Promise((r) => r(42));
