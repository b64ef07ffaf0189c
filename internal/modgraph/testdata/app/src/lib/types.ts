export type Role = "admin" | "member";
