export function signIn() { window.location.assign("/login"); }
