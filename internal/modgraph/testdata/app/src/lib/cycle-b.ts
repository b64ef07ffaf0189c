export * from "./cycle-a";
export { loop } from "./cycle-a";
