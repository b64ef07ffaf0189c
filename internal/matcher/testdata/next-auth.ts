// next-auth v4: withAuth decides what an authorized request is; the matcher decides where it runs.
import { withAuth } from "next-auth/middleware";

export default withAuth({
  pages: { signIn: "/login" },
  callbacks: { authorized: ({ token }) => !!token },
});

export const config = { matcher: ["/dashboard/:path*", "/settings"] };

// want config /dashboard all
// want config /dashboard/[team]/[[...rest]] all
// want config /settings all
// want config /settings/profile none
// want config /api/x none
// want config /login none
