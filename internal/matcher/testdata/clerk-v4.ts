// Clerk v4: authMiddleware with publicRoutes and ignoredRoutes.
import { authMiddleware } from "@clerk/nextjs";

export default authMiddleware({
  publicRoutes: ["/", "/api/webhooks(.*)", "/api/:path*"],
  ignoredRoutes: ["/api/health", /^\/_vercel/],
});

export const config = {
  matcher: ["/((?!.+\\.[\\w]+$|_next).*)", "/", "/(api|trpc)(.*)"],
};

// want config /dashboard all
// want config /api/x all
// Clerk's old default excludes any path ending in a dot and word characters, so /p/a.b skips it.
// want config /p/[id] partial
// want publicRoutes / all
// want publicRoutes /api/webhooks/stripe all
// want publicRoutes /api/users/[id] all
// pathToRegexp's default is case-insensitive.
// want publicRoutes /API/Users all
// want publicRoutes /dashboard none
// want ignoredRoutes /api/health all
// want ignoredRoutes /_vercel/insights/view all
// want ignoredRoutes /api/x none
