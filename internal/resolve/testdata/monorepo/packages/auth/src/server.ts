export async function currentUser() { return null; }
