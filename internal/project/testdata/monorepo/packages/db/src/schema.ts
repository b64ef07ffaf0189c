export const schema = { tables: ["project", "session"] };
