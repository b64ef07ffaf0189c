export const edgeAuth = () => null;
