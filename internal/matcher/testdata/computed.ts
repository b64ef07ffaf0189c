// A matcher computed at runtime cannot be known statically.
import { locales } from "./i18n";

export default function middleware() {}

export const config = {
  matcher: ["/", `/(${locales.join("|")})/:path*`],
};

// want problem not-static
// The computed entry could match anything, so only "/" is decided.
// want config / all
// want config /en/dashboard unknown
