export const prisma = {} as any;
