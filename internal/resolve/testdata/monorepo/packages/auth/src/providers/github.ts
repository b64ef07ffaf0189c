export const github = { id: "github" };
