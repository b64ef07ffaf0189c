export * from "./user";
export * from "./admin";
