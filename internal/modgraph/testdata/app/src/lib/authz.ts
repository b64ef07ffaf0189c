import type { Role } from "./types";

export function checkRole(role: Role) {
  return role === "admin";
}
