import { db } from "./client";
export async function seed() { return db; }
