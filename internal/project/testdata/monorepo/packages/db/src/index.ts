export * from "./client";
export { schema } from "./schema";
export type { Row } from "./row";
