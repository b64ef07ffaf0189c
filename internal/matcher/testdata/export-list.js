// Next.js reads only `export const config = ...`: exported through a list, the config is ignored and the
// middleware runs on every path (vercel/next.js#59536). The matcher as written is the lower bound.
const middleware = (req) => undefined;
const config = { matcher: ["/admin/:path*"] };
export { middleware, config };

// want problem ignored
// want config /admin/[id] all
// want config /api/x none
