export const base = "rounded px-3";
