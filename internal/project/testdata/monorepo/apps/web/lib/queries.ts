export const projects = {
  create: async (ownerId: string, name: string) => ({ ownerId, name }),
};
