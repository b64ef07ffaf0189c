export function createClient() { return {}; }
