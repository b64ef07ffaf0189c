export function verifyToken(t: string) { return t.length > 0; }
