// Clerk v5/v6: clerkMiddleware with route matchers, and the config clerk's CLI generates.
import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const AUTH_PAGES = ["/sign-in(.*)", "/sign-up(.*)"] as const;

// Runtime values: constants, spreads and RegExp literals all count.
const isPublicRoute = createRouteMatcher([...AUTH_PAGES, "/", "/api/webhooks(.*)"]);
const isAdminRoute = createRouteMatcher([/^\/admin(\/.*)?$/, "/api/admin/:path*"]);

export default clerkMiddleware(async (auth, req) => {
  if (isAdminRoute(req)) await auth.protect({ role: "org:admin" });
  if (!isPublicRoute(req)) await auth.protect();
});

export const config = {
  matcher: [
    // Skip Next.js internals and all static files, unless found in search params
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    // Always run for API routes
    "/(api|trpc)(.*)",
  ],
};

// want config / all
// want config /dashboard all
// want config /api/users/[id] all
// want config /logo.png none
// want config /_next/static/[...file] none
// A page with a dynamic segment: "x.png" is one of its URLs, and it skips the middleware.
// want config /blog/[slug] partial
// want isPublicRoute / all
// want isPublicRoute /sign-in/[[...sign-in]] all
// want isPublicRoute /api/webhooks/stripe all
// want isPublicRoute /dashboard none
// "(.*)" after "webhooks" also takes "webhooksx": Clerk's documented pattern is a prefix match.
// want isPublicRoute /api/webhooksx all
// want isAdminRoute /admin all
// want isAdminRoute /admin/users/[id] all
// want isAdminRoute /administrator none
// want isAdminRoute /api/admin/[...rest] all
