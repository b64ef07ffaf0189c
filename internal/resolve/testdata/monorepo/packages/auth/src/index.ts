export { auth } from "./session";
