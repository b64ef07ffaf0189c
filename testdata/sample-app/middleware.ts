export { default } from "next-auth/middleware";

// Protects the dashboard pages only: the API routes are not covered.
export const config = { matcher: ["/dashboard/:path*"] };
