import { base } from "#base/theme";
export const render = () => base;
