import { prisma } from "./db";

// Reporting helpers. Nothing imports this module in the base commit, so nothing here runs on the server.
export async function runReport(sql: string, ...params: unknown[]) {
  return prisma.$queryRawUnsafe(sql, ...params);
}

export async function totalFor(table: string) {
  return runReport("SELECT count(*) FROM " + table);
}
