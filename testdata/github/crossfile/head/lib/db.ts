import { PrismaClient } from "@prisma/client";

export const prisma = new PrismaClient();

// The change under review: the reporting helpers become part of the database module's API, which every
// route already imports, so lib/reports.ts is now server code and its unsafe query is reachable.
export * from "./reports";
