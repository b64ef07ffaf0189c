export * from "./cycle-b";
export { loop } from "./cycle-b";
export const pong = 1;
