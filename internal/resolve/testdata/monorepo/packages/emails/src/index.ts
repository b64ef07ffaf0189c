export async function sendInvite(body: unknown) { return body; }
