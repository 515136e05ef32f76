print('defer_dep evaluated');
export const value = 7;
export function then() {}
