export const serverConfig = { region: "fra1" };
