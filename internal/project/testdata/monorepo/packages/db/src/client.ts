export const db = {
  session: { current: async () => ({ userId: "u_1" }) },
};
