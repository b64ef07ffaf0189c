export function signIn() {}
