package libs

// Package groups used by several rows.
var (
	nextAuth      = []string{"next-auth", "next-auth/next"}
	nextAuthJWT   = []string{"next-auth/jwt"}
	clerk         = []string{"@clerk/nextjs/server", "@clerk/nextjs", "@clerk/nextjs/api"}
	prisma        = []string{"@prisma/client", "@prisma/client/edge", "@prisma/client/extension", ".prisma/client", "@/generated/prisma", "@prisma/nextjs-monorepo-workaround-plugin"}
	supabase      = []string{"@supabase/ssr", "@supabase/supabase-js", "@supabase/auth-helpers-nextjs"}
	zod           = []string{"zod", "zod/v4", "zod/mini", "zod/v3", "zod/v4/mini"}
	navigation    = []string{"next/navigation"}
	stripe        = []string{"stripe"}
	drizzleDBs    = []string{"drizzle-orm/node-postgres", "drizzle-orm/postgres-js", "drizzle-orm/neon-http", "drizzle-orm/neon-serverless", "drizzle-orm/mysql2", "drizzle-orm/planetscale-serverless", "drizzle-orm/libsql", "drizzle-orm/better-sqlite3", "drizzle-orm/vercel-postgres", "drizzle-orm/d1", "drizzle-orm/bun-sqlite", "drizzle-orm/pg-proxy", "drizzle-orm/mysql-proxy", "drizzle-orm/sqlite-proxy", "drizzle-orm/tidb-serverless", "drizzle-orm/xata-http", "drizzle-orm/aws-data-api/pg", "drizzle-orm/pglite", "drizzle-orm/node-mssql", "drizzle-orm/singlestore"}
	aiSDK         = []string{"ai"}
	openai        = []string{"openai"}
	anthropic     = []string{"@anthropic-ai/sdk"}
	upstashLimit  = []string{"@upstash/ratelimit"}
	arcjet        = []string{"@arcjet/next", "arcjet"}
	rlFlexible    = []string{"rate-limiter-flexible"}
	resendPkg     = []string{"resend"}
	jose          = []string{"jose"}
	jsonwebtoken  = []string{"jsonwebtoken"}
	svix          = []string{"svix"}
	qstash        = []string{"@upstash/qstash", "@upstash/qstash/nextjs", "@upstash/qstash/dist/nextjs"}
	inngest       = []string{"inngest", "inngest/next"}
	betterAuth    = []string{"better-auth", "better-auth/next-js", "better-auth/minimal"}
	lucia         = []string{"lucia"}
	ironSession   = []string{"iron-session", "iron-session/edge"}
	valibot       = []string{"valibot"}
	yup           = []string{"yup"}
	joi           = []string{"joi"}
	superstruct   = []string{"superstruct"}
	arktype       = []string{"arktype"}
	typebox       = []string{"@sinclair/typebox/value", "@sinclair/typebox/compiler", "@sinclair/typebox"}
	nodemailer    = []string{"nodemailer"}
	sendgrid      = []string{"@sendgrid/mail"}
	postmark      = []string{"postmark"}
	twilio        = []string{"twilio"}
	fsMods        = []string{"fs", "node:fs", "fs/promises", "node:fs/promises", "fs-extra"}
	childProcess  = []string{"child_process", "node:child_process"}
	vercelBlob    = []string{"@vercel/blob"}
	awsS3         = []string{"@aws-sdk/client-s3"}
	octokitHooks  = []string{"@octokit/webhooks"}
	kysely        = []string{"kysely"}
	hono          = []string{"hono/vercel", "hono/nextjs"}
	nextSafeAct   = []string{"next-safe-action"}
	zsa           = []string{"zsa"}
	triggerDev    = []string{"@trigger.dev/sdk", "@trigger.dev/sdk/v3"}
	bullmq        = []string{"bullmq"}
	replicate     = []string{"replicate"}
	googleAI      = []string{"@google/generative-ai", "@google/genai"}
	mistral       = []string{"@mistralai/mistralai"}
	groq          = []string{"groq-sdk"}
	cohere        = []string{"cohere-ai"}
	pineconeLike  = []string{"@pinecone-database/pinecone"}
	clerkWebhooks = []string{"@clerk/nextjs/webhooks", "@clerk/backend/webhooks"}
	stackAuth     = []string{"@stackframe/stack"}
	kindeAuth     = []string{"@kinde-oss/kinde-auth-nextjs/server"}
	auth0         = []string{"@auth0/nextjs-auth0"}
	workos        = []string{"@workos-inc/authkit-nextjs"}
	unkey         = []string{"@unkey/api", "@unkey/nextjs"}
	vercelKV      = []string{"@vercel/kv"}
	upstashRedis  = []string{"@upstash/redis"}
	pusherLike    = []string{"pusher"}
	awsSES        = []string{"@aws-sdk/client-ses", "@aws-sdk/client-sesv2"}
	awsSNS        = []string{"@aws-sdk/client-sns"}
	awsSQS        = []string{"@aws-sdk/client-sqs"}
	loops         = []string{"loops"}
	plunk         = []string{"@plunk/node"}
	mailgun       = []string{"mailgun.js"}
	brevo         = []string{"@getbrevo/brevo"}
	lemonSqueezy  = []string{"@lemonsqueezy/lemonsqueezy.js"}
)

var table = []Entry{
	// --- Identity: next-auth / Auth.js ---
	{Packages: nextAuth, Pattern: "getServerSession", Role: Identity, What: "next-auth getServerSession"},
	{Packages: nextAuth, Pattern: "unstable_getServerSession", Role: Identity, What: "next-auth getServerSession"},
	{Packages: []string{"next-auth/react"}, Pattern: "getSession", Role: Identity, What: "next-auth getSession"},
	{Packages: nextAuthJWT, Pattern: "getToken", Role: Identity, What: "next-auth getToken"},
	// Auth.js v5: const { auth, handlers, signIn, signOut } = NextAuth(config)
	{Packages: nextAuth, Pattern: "default().auth", Role: Identity | IdentityWrapper, What: "Auth.js auth()"},
	{Packages: nextAuth, Pattern: "default()", Role: AuthCatchAll, What: "NextAuth handler"},
	{Packages: nextAuth, Pattern: "default().handlers", Role: AuthCatchAll, What: "Auth.js handlers"},
	{Packages: nextAuth, Pattern: "default().handlers.*", Role: AuthCatchAll, What: "Auth.js handlers"},
	{Packages: []string{"next-auth/middleware"}, Pattern: "withAuth", Role: AuthGuard, What: "next-auth withAuth middleware"},
	{Packages: []string{"next-auth/middleware"}, Pattern: "default", Role: AuthGuard, What: "next-auth middleware"},
	{Packages: []string{"next-auth/middleware"}, Pattern: "withAuth().authRequest", Role: Identity, IdentityPath: []string{"nextauth", "token"}, What: "next-auth middleware token"},
	{Packages: nextAuth, Pattern: "default().authRequest", Role: Identity, IdentityPath: []string{"auth"}, What: "Auth.js req.auth"},

	// --- Identity: Clerk ---
	{Packages: clerk, Pattern: "auth", Role: Identity, IdentityPath: []string{"userId"}, What: "Clerk auth()"},
	{Packages: clerk, Pattern: "auth.protect", Role: AuthGuard, What: "Clerk auth.protect()"},
	{Packages: clerk, Pattern: "auth().protect", Role: AuthGuard, What: "Clerk auth().protect()"},
	{Packages: clerk, Pattern: "currentUser", Role: Identity, What: "Clerk currentUser()"},
	{Packages: clerk, Pattern: "getAuth", Role: Identity, IdentityPath: []string{"userId"}, What: "Clerk getAuth()"},
	{Packages: clerk, Pattern: "clerkClient", Role: 0, What: "Clerk client"},
	{Packages: clerkWebhooks, Pattern: "verifyWebhook", Role: WebhookVerify, What: "Clerk verifyWebhook"},

	// --- Identity: better-auth ---
	{Packages: betterAuth, Pattern: "betterAuth().api.getSession", Role: Identity, What: "better-auth getSession"},
	// Endpoints better-auth guards with its session middleware: called from the server with the request's
	// headers they throw 401 when there is no session, so they authenticate the caller.
	{Packages: betterAuth, Pattern: "betterAuth().api.setPassword", Role: AuthGuard, What: "better-auth setPassword (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.changePassword", Role: AuthGuard, What: "better-auth changePassword (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.changeEmail", Role: AuthGuard, What: "better-auth changeEmail (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.updateUser", Role: AuthGuard, What: "better-auth updateUser (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.deleteUser", Role: AuthGuard, What: "better-auth deleteUser (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.listSessions", Role: AuthGuard, What: "better-auth listSessions (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.revokeSession", Role: AuthGuard, What: "better-auth revokeSession (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.revokeSessions", Role: AuthGuard, What: "better-auth revokeSessions (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.revokeOtherSessions", Role: AuthGuard, What: "better-auth revokeOtherSessions (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.linkSocialAccount", Role: AuthGuard, What: "better-auth linkSocialAccount (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.unlinkAccount", Role: AuthGuard, What: "better-auth unlinkAccount (requires a session)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.listUserAccounts", Role: AuthGuard, What: "better-auth listUserAccounts (requires a session)"},
	// better-auth's handler rate-limits its own endpoints in production (stricter on sign-in and
	// two-factor paths) unless the configuration sets rateLimit.enabled to false.
	{Packages: []string{"better-auth/next-js"}, Pattern: "toNextJsHandler", Role: AuthCatchAll | RateLimit, What: "better-auth handler"},
	{Packages: []string{"better-auth/next-js"}, Pattern: "toNextJsHandler()", Role: AuthCatchAll | RateLimit, What: "better-auth handler"},
	{Packages: []string{"better-auth/next-js"}, Pattern: "toNextJsHandler().*", Role: AuthCatchAll | RateLimit, What: "better-auth handler"},

	// --- Identity: Supabase (getUser verifies the JWT with the server; getSession does not) ---
	{Packages: supabase, Pattern: "*().auth.getUser", Role: Identity, IdentityPath: []string{"data", "user"}, What: "Supabase auth.getUser()"},
	{Packages: supabase, Pattern: "*().auth.getClaims", Role: Identity, IdentityPath: []string{"data", "claims"}, What: "Supabase auth.getClaims()"},

	// --- Identity: Lucia, iron-session, other providers ---
	{Packages: lucia, Pattern: "Lucia().validateSession", Role: Identity, IdentityPath: []string{"user"}, What: "Lucia validateSession"},
	{Packages: ironSession, Pattern: "getIronSession", Role: Identity, IdentityPath: []string{"*"}, What: "iron-session getIronSession"},
	{Packages: kindeAuth, Pattern: "getKindeServerSession().getUser", Role: Identity, What: "Kinde getUser"},
	{Packages: kindeAuth, Pattern: "getKindeServerSession().isAuthenticated", Role: Identity, What: "Kinde isAuthenticated"},
	{Packages: auth0, Pattern: "getSession", Role: Identity, What: "Auth0 getSession"},
	{Packages: auth0, Pattern: "*().getSession", Role: Identity, What: "Auth0 getSession"},
	{Packages: auth0, Pattern: "withApiAuthRequired", Role: AuthGuard, What: "Auth0 withApiAuthRequired"},
	{Packages: workos, Pattern: "withAuth", Role: Identity, IdentityPath: []string{"user"}, What: "WorkOS withAuth"},
	{Packages: stackAuth, Pattern: "StackServerApp().getUser", Role: Identity, What: "Stack getUser"},
	{Packages: unkey, Pattern: "verifyKey", Role: Identity, IdentityPath: []string{"result", "valid"}, What: "Unkey verifyKey"},

	// --- Token verification that throws on a bad token ---
	{Packages: jose, Pattern: "jwtVerify", Role: AuthGuard | Identity, IdentityPath: []string{"payload"}, What: "jose jwtVerify"},
	{Packages: jsonwebtoken, Pattern: "verify", Role: AuthGuard | Identity, What: "jsonwebtoken verify"},
	{Packages: jsonwebtoken, Pattern: "default.verify", Role: AuthGuard | Identity, What: "jsonwebtoken verify"},

	// --- Webhook signature verification ---
	{Packages: stripe, Pattern: "default().webhooks.constructEvent", Role: WebhookVerify, What: "Stripe constructEvent"},
	{Packages: stripe, Pattern: "default().parseThinEvent", Role: WebhookVerify, What: "Stripe parseThinEvent"},
	{Packages: stripe, Pattern: "Stripe().parseThinEvent", Role: WebhookVerify, What: "Stripe parseThinEvent"},
	{Packages: stripe, Pattern: "default().parseEventNotification", Role: WebhookVerify, What: "Stripe parseEventNotification"},
	{Packages: stripe, Pattern: "Stripe().parseEventNotification", Role: WebhookVerify, What: "Stripe parseEventNotification"},
	{Packages: stripe, Pattern: "default().webhooks.constructEventAsync", Role: WebhookVerify, What: "Stripe constructEventAsync"},
	{Packages: stripe, Pattern: "Stripe().webhooks.constructEvent", Role: WebhookVerify, What: "Stripe constructEvent"},
	{Packages: stripe, Pattern: "Stripe().webhooks.constructEventAsync", Role: WebhookVerify, What: "Stripe constructEventAsync"},
	{Packages: stripe, Pattern: "default.webhooks.constructEvent", Role: WebhookVerify, What: "Stripe constructEvent"},
	{Packages: svix, Pattern: "Webhook().verify", Role: WebhookVerify, What: "svix verify"},
	{Packages: octokitHooks, Pattern: "Webhooks().verify", Role: WebhookVerify, What: "Octokit webhooks verify"},
	{Packages: octokitHooks, Pattern: "Webhooks().verifyAndReceive", Role: WebhookVerify, What: "Octokit webhooks verify"},
	{Packages: octokitHooks, Pattern: "verify", Role: WebhookVerify, What: "Octokit webhooks verify"},
	{Packages: qstash, Pattern: "Receiver().verify", Role: WebhookVerify, What: "QStash signature verification"},
	{Packages: qstash, Pattern: "verifySignatureAppRouter", Role: CallerVerifyingWrapper, What: "QStash verifySignatureAppRouter"},
	{Packages: qstash, Pattern: "verifySignature", Role: CallerVerifyingWrapper, What: "QStash verifySignature"},
	{Packages: []string{"@upstash/workflow/nextjs"}, Pattern: "serve", Role: CallerVerifyingWrapper, What: "Upstash workflow serve"},
	{Packages: inngest, Pattern: "serve", Role: CallerVerifyingWrapper, What: "inngest serve"},
	{Packages: []string{"crypto", "node:crypto"}, Pattern: "timingSafeEqual", Role: WebhookVerify, What: "a constant-time signature comparison"},
	{Packages: []string{"crypto", "node:crypto"}, Pattern: "default.timingSafeEqual", Role: WebhookVerify, What: "a constant-time signature comparison"},
	{Packages: []string{"crypto", "node:crypto"}, Pattern: "createVerify().verify", Role: WebhookVerify, What: "a public-key signature verification"},
	{Packages: []string{"crypto", "node:crypto"}, Pattern: "default.createVerify().verify", Role: WebhookVerify, What: "a public-key signature verification"},
	{Packages: []string{"crypto", "node:crypto"}, Pattern: "verify", Role: WebhookVerify, What: "a public-key signature verification"},
	{Packages: []string{"crypto", "node:crypto"}, Pattern: "default.verify", Role: WebhookVerify, What: "a public-key signature verification"},
	{Packages: []string{"@octokit/webhooks-methods"}, Pattern: "verify", Role: WebhookVerify, What: "Octokit signature verification"},
	{Packages: []string{"@slack/bolt", "@slack/events-api"}, Pattern: "**", Role: 0, What: "Slack"},
	{Packages: lemonSqueezy, Pattern: "**", Role: 0, What: "Lemon Squeezy"},

	// --- Navigation calls that never return ---
	{Packages: navigation, Pattern: "redirect", Role: Exit, What: "redirect"},
	{Packages: navigation, Pattern: "permanentRedirect", Role: Exit, What: "permanentRedirect"},
	{Packages: navigation, Pattern: "notFound", Role: Exit, What: "notFound"},
	{Packages: navigation, Pattern: "unauthorized", Role: Exit, What: "unauthorized"},
	{Packages: navigation, Pattern: "forbidden", Role: Exit, What: "forbidden"},
	{Packages: clerk, Pattern: "auth().redirectToSignIn", Role: Exit, What: "redirectToSignIn"},
	{Packages: clerk, Pattern: "redirectToSignIn", Role: Exit, What: "redirectToSignIn"},

	// --- Validation ---
	{Packages: zod, Pattern: "**.parse", Role: Validate, What: "zod parse"},
	{Packages: zod, Pattern: "**.safeParse", Role: Validate, What: "zod safeParse"},
	{Packages: zod, Pattern: "**.parseAsync", Role: Validate, What: "zod parseAsync"},
	{Packages: zod, Pattern: "**.safeParseAsync", Role: Validate, What: "zod safeParseAsync"},
	{Packages: zod, Pattern: "**.spa", Role: Validate, What: "zod safeParseAsync"},
	{Packages: zod, Pattern: "**.decode", Role: Validate, What: "zod decode"},
	{Packages: valibot, Pattern: "parse", Role: Validate, What: "valibot parse"},
	{Packages: valibot, Pattern: "safeParse", Role: Validate, What: "valibot safeParse"},
	{Packages: valibot, Pattern: "parseAsync", Role: Validate, What: "valibot parseAsync"},
	{Packages: valibot, Pattern: "safeParseAsync", Role: Validate, What: "valibot safeParseAsync"},
	{Packages: valibot, Pattern: "*.parse", Role: Validate, What: "valibot parse"},
	{Packages: valibot, Pattern: "*.safeParse", Role: Validate, What: "valibot safeParse"},
	{Packages: yup, Pattern: "**.validate", Role: Validate, What: "yup validate"},
	{Packages: yup, Pattern: "**.validateSync", Role: Validate, What: "yup validateSync"},
	{Packages: yup, Pattern: "**.cast", Role: Validate, What: "yup cast"},
	{Packages: joi, Pattern: "**.validate", Role: Validate, What: "joi validate"},
	{Packages: joi, Pattern: "**.validateAsync", Role: Validate, What: "joi validateAsync"},
	{Packages: joi, Pattern: "**.attempt", Role: Validate, What: "joi attempt"},
	{Packages: superstruct, Pattern: "assert", Role: Validate, What: "superstruct assert"},
	{Packages: superstruct, Pattern: "create", Role: Validate, What: "superstruct create"},
	{Packages: superstruct, Pattern: "validate", Role: Validate, What: "superstruct validate"},
	{Packages: superstruct, Pattern: "mask", Role: Validate, What: "superstruct mask"},
	{Packages: arktype, Pattern: "type()", Role: Validate, What: "arktype validation"},
	{Packages: arktype, Pattern: "type().assert", Role: Validate, What: "arktype assert"},
	{Packages: typebox, Pattern: "Value.Check", Role: Validate, What: "TypeBox Value.Check"},
	{Packages: typebox, Pattern: "Value.Decode", Role: Validate, What: "TypeBox Value.Decode"},
	{Packages: typebox, Pattern: "Value.Parse", Role: Validate, What: "TypeBox Value.Parse"},
	{Packages: typebox, Pattern: "TypeCompiler.Compile().Check", Role: Validate, What: "TypeBox Check"},
	{Packages: []string{"@hono/zod-validator"}, Pattern: "zValidator", Role: Validate, What: "@hono/zod-validator"},
	{Packages: []string{"@conform-to/zod", "@conform-to/zod/v4"}, Pattern: "parseWithZod", Role: Validate, What: "conform parseWithZod"},
	{Packages: []string{"zod-form-data"}, Pattern: "**", Role: Validate, What: "zod-form-data"},
	{Packages: []string{"next-safe-action", "zsa"}, Pattern: "**.inputSchema", Role: Validate, What: "action input schema"},
	{Packages: []string{"next-safe-action", "zsa"}, Pattern: "**.schema", Role: Validate, What: "action input schema"},
	{Packages: []string{"next-safe-action", "zsa"}, Pattern: "**.input", Role: Validate, What: "action input schema"},

	// --- Rate limiting ---
	{Packages: upstashLimit, Pattern: "Ratelimit().limit", Role: RateLimit, What: "@upstash/ratelimit limit()"},
	{Packages: upstashLimit, Pattern: "Ratelimit().blockUntilReady", Role: RateLimit, What: "@upstash/ratelimit blockUntilReady()"},
	{Packages: upstashLimit, Pattern: "default().limit", Role: RateLimit, What: "@upstash/ratelimit limit()"},
	{Packages: arcjet, Pattern: "default().protect", Role: RateLimit, What: "Arcjet protect()"},
	{Packages: arcjet, Pattern: "default().withRule().protect", Role: RateLimit, What: "Arcjet protect()"},
	{Packages: arcjet, Pattern: "**.protect", Role: RateLimit, What: "Arcjet protect()"},
	{Packages: rlFlexible, Pattern: "*().consume", Role: RateLimit, What: "rate-limiter-flexible consume()"},
	{Packages: []string{"@vercel/firewall"}, Pattern: "checkRateLimit", Role: RateLimit, What: "Vercel checkRateLimit"},
	{Packages: []string{"next-rate-limit", "lru-cache-rate-limit"}, Pattern: "**", Role: RateLimit, What: "rate limiter"},

	// --- Databases ---
	{Packages: prisma, Pattern: "PrismaClient().*.create", Role: DBWrite, What: "a Prisma create"},
	{Packages: prisma, Pattern: "PrismaClient().*.createMany", Role: DBWrite, What: "a Prisma createMany"},
	{Packages: prisma, Pattern: "PrismaClient().*.createManyAndReturn", Role: DBWrite, What: "a Prisma createManyAndReturn"},
	{Packages: prisma, Pattern: "PrismaClient().*.update", Role: DBWrite, What: "a Prisma update"},
	{Packages: prisma, Pattern: "PrismaClient().*.updateMany", Role: DBWrite, What: "a Prisma updateMany"},
	{Packages: prisma, Pattern: "PrismaClient().*.updateManyAndReturn", Role: DBWrite, What: "a Prisma updateManyAndReturn"},
	{Packages: prisma, Pattern: "PrismaClient().*.upsert", Role: DBWrite, What: "a Prisma upsert"},
	{Packages: prisma, Pattern: "PrismaClient().*.delete", Role: DBWrite, What: "a Prisma delete"},
	{Packages: prisma, Pattern: "PrismaClient().*.deleteMany", Role: DBWrite, What: "a Prisma deleteMany"},
	{Packages: prisma, Pattern: "PrismaClient().$executeRaw", Role: DBWrite, What: "a raw SQL statement"},
	{Packages: prisma, Pattern: "PrismaClient().$executeRawUnsafe", Role: DBWrite, What: "a raw SQL statement"},
	{Packages: prisma, Pattern: "PrismaClient().*.findUnique", Role: DBRead, What: "a Prisma findUnique"},
	{Packages: prisma, Pattern: "PrismaClient().*.findUniqueOrThrow", Role: DBRead, What: "a Prisma findUnique"},
	{Packages: prisma, Pattern: "PrismaClient().*.findFirst", Role: DBRead, What: "a Prisma findFirst"},
	{Packages: prisma, Pattern: "PrismaClient().*.findFirstOrThrow", Role: DBRead, What: "a Prisma findFirst"},
	{Packages: prisma, Pattern: "PrismaClient().*.findMany", Role: DBRead, What: "a Prisma findMany"},
	{Packages: prisma, Pattern: "PrismaClient().*.count", Role: DBRead, What: "a Prisma count"},
	{Packages: prisma, Pattern: "PrismaClient().*.aggregate", Role: DBRead, What: "a Prisma aggregate"},
	{Packages: prisma, Pattern: "PrismaClient().*.groupBy", Role: DBRead, What: "a Prisma groupBy"},
	{Packages: prisma, Pattern: "PrismaClient().$queryRaw", Role: DBRead, What: "a raw SQL query"},
	{Packages: prisma, Pattern: "PrismaClient().$queryRawUnsafe", Role: DBRead, What: "a raw SQL query"},
	{Packages: drizzleDBs, Pattern: "drizzle().insert", Role: DBWrite, What: "a Drizzle insert"},
	{Packages: drizzleDBs, Pattern: "drizzle().update", Role: DBWrite, What: "a Drizzle update"},
	{Packages: drizzleDBs, Pattern: "drizzle().delete", Role: DBWrite, What: "a Drizzle delete"},
	{Packages: drizzleDBs, Pattern: "drizzle().select", Role: DBRead, What: "a Drizzle select"},
	{Packages: drizzleDBs, Pattern: "drizzle().query.*.findFirst", Role: DBRead, What: "a Drizzle query"},
	{Packages: drizzleDBs, Pattern: "drizzle().query.*.findMany", Role: DBRead, What: "a Drizzle query"},
	{Packages: kysely, Pattern: "Kysely().insertInto", Role: DBWrite, What: "a Kysely insert"},
	{Packages: kysely, Pattern: "Kysely().updateTable", Role: DBWrite, What: "a Kysely update"},
	{Packages: kysely, Pattern: "Kysely().deleteFrom", Role: DBWrite, What: "a Kysely delete"},
	{Packages: kysely, Pattern: "Kysely().selectFrom", Role: DBRead, What: "a Kysely select"},
	{Packages: supabase, Pattern: "*().from().insert", Role: DBWrite, What: "a Supabase insert"},
	{Packages: supabase, Pattern: "*().from().update", Role: DBWrite, What: "a Supabase update"},
	{Packages: supabase, Pattern: "*().from().upsert", Role: DBWrite, What: "a Supabase upsert"},
	{Packages: supabase, Pattern: "*().from().delete", Role: DBWrite, What: "a Supabase delete"},
	{Packages: supabase, Pattern: "*().from().select", Role: DBRead, What: "a Supabase select"},
	{Packages: supabase, Pattern: "*().storage.from().upload", Role: FileWrite, What: "a Supabase storage upload"},
	{Packages: vercelKV, Pattern: "kv.set", Role: DBWrite, What: "a KV write"},
	{Packages: upstashRedis, Pattern: "Redis().set", Role: DBWrite, What: "a Redis write"},
	{Packages: upstashRedis, Pattern: "Redis.fromEnv().set", Role: DBWrite, What: "a Redis write"},

	// --- Email and messaging ---
	{Packages: resendPkg, Pattern: "Resend().emails.send", Role: SendEmail, What: "an email send (Resend)"},
	{Packages: resendPkg, Pattern: "Resend().batch.send", Role: SendEmail, What: "an email send (Resend)"},
	{Packages: nodemailer, Pattern: "createTransport().sendMail", Role: SendEmail, What: "an email send (nodemailer)"},
	{Packages: nodemailer, Pattern: "default.createTransport().sendMail", Role: SendEmail, What: "an email send (nodemailer)"},
	{Packages: sendgrid, Pattern: "default.send", Role: SendEmail, What: "an email send (SendGrid)"},
	{Packages: sendgrid, Pattern: "default.sendMultiple", Role: SendEmail, What: "an email send (SendGrid)"},
	{Packages: postmark, Pattern: "ServerClient().sendEmail", Role: SendEmail, What: "an email send (Postmark)"},
	{Packages: postmark, Pattern: "ServerClient().sendEmailWithTemplate", Role: SendEmail, What: "an email send (Postmark)"},
	{Packages: postmark, Pattern: "ServerClient().sendEmailBatch", Role: SendEmail, What: "an email send (Postmark)"},
	// postmark's Client is the legacy name of ServerClient.
	{Packages: postmark, Pattern: "Client().sendEmail", Role: SendEmail, What: "an email send (Postmark)"},
	{Packages: postmark, Pattern: "Client().sendEmailWithTemplate", Role: SendEmail, What: "an email send (Postmark)"},
	{Packages: postmark, Pattern: "Client().sendEmailBatch", Role: SendEmail, What: "an email send (Postmark)"},
	{Packages: awsSES, Pattern: "SESClient().send", Role: SendEmail, What: "an email send (SES)"},
	{Packages: awsSES, Pattern: "SESv2Client().send", Role: SendEmail, What: "an email send (SES)"},
	{Packages: loops, Pattern: "LoopsClient().sendTransactionalEmail", Role: SendEmail, What: "an email send (Loops)"},
	{Packages: plunk, Pattern: "default().emails.send", Role: SendEmail, What: "an email send (Plunk)"},
	{Packages: mailgun, Pattern: "**.messages.create", Role: SendEmail, What: "an email send (Mailgun)"},
	{Packages: brevo, Pattern: "TransactionalEmailsApi().sendTransacEmail", Role: SendEmail, What: "an email send (Brevo)"},
	{Packages: twilio, Pattern: "default().messages.create", Role: SendSMS, What: "an SMS send (Twilio)"},
	{Packages: twilio, Pattern: "Twilio().messages.create", Role: SendSMS, What: "an SMS send (Twilio)"},
	{Packages: twilio, Pattern: "default().calls.create", Role: SendSMS, What: "a phone call (Twilio)"},
	{Packages: twilio, Pattern: "default().verify.**", Role: SendSMS, What: "a verification send (Twilio)"},
	{Packages: awsSNS, Pattern: "SNSClient().send", Role: SendSMS, What: "an SNS publish"},
	{Packages: pusherLike, Pattern: "default().trigger", Role: Queue, What: "a Pusher event"},

	// --- Payments ---
	{Packages: stripe, Pattern: "default().*.create", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "default().*.update", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "default().*.del", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "default().*.cancel", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "default().*.*.create", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "default().*.*.update", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "Stripe().*.create", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "Stripe().*.update", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "Stripe().*.del", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "Stripe().*.cancel", Role: Payment, What: "a Stripe call"},
	{Packages: stripe, Pattern: "Stripe().*.*.create", Role: Payment, What: "a Stripe call"},
	{Packages: lemonSqueezy, Pattern: "createCheckout", Role: Payment, What: "a Lemon Squeezy checkout"},

	// --- Paid AI and third-party APIs ---
	{Packages: openai, Pattern: "default().**.create", Role: PaidAPI, What: "an OpenAI API call"},
	{Packages: openai, Pattern: "OpenAI().**.create", Role: PaidAPI, What: "an OpenAI API call"},
	{Packages: openai, Pattern: "default().**.stream", Role: PaidAPI, What: "an OpenAI API call"},
	{Packages: openai, Pattern: "OpenAI().**.stream", Role: PaidAPI, What: "an OpenAI API call"},
	{Packages: openai, Pattern: "default().**.parse", Role: PaidAPI, What: "an OpenAI API call"},
	{Packages: anthropic, Pattern: "default().messages.create", Role: PaidAPI, What: "an Anthropic API call"},
	{Packages: anthropic, Pattern: "Anthropic().messages.create", Role: PaidAPI, What: "an Anthropic API call"},
	{Packages: anthropic, Pattern: "default().messages.stream", Role: PaidAPI, What: "an Anthropic API call"},
	{Packages: aiSDK, Pattern: "generateText", Role: PaidAPI, What: "an AI model call (generateText)"},
	{Packages: aiSDK, Pattern: "streamText", Role: PaidAPI, What: "an AI model call (streamText)"},
	{Packages: aiSDK, Pattern: "generateObject", Role: PaidAPI, What: "an AI model call (generateObject)"},
	{Packages: aiSDK, Pattern: "streamObject", Role: PaidAPI, What: "an AI model call (streamObject)"},
	{Packages: aiSDK, Pattern: "embed", Role: PaidAPI, What: "an AI embedding call"},
	{Packages: aiSDK, Pattern: "embedMany", Role: PaidAPI, What: "an AI embedding call"},
	{Packages: aiSDK, Pattern: "experimental_generateImage", Role: PaidAPI, What: "an AI image call"},
	{Packages: replicate, Pattern: "default().run", Role: PaidAPI, What: "a Replicate model run"},
	{Packages: replicate, Pattern: "default().predictions.create", Role: PaidAPI, What: "a Replicate prediction"},
	{Packages: googleAI, Pattern: "**.generateContent", Role: PaidAPI, What: "a Gemini API call"},
	{Packages: googleAI, Pattern: "**.generateContentStream", Role: PaidAPI, What: "a Gemini API call"},
	{Packages: mistral, Pattern: "Mistral().chat.complete", Role: PaidAPI, What: "a Mistral API call"},
	{Packages: groq, Pattern: "default().chat.completions.create", Role: PaidAPI, What: "a Groq API call"},
	{Packages: cohere, Pattern: "**.chat", Role: PaidAPI, What: "a Cohere API call"},
	{Packages: pineconeLike, Pattern: "**.upsert", Role: DBWrite, What: "a Pinecone upsert"},

	// --- Queues and background jobs ---
	{Packages: inngest, Pattern: "Inngest().send", Role: Queue, What: "an Inngest event send"},
	{Packages: qstash, Pattern: "Client().publishJSON", Role: Queue, What: "a QStash publish"},
	{Packages: qstash, Pattern: "Client().publish", Role: Queue, What: "a QStash publish"},
	{Packages: qstash, Pattern: "Client().queue().enqueueJSON", Role: Queue, What: "a QStash enqueue"},
	{Packages: triggerDev, Pattern: "tasks.trigger", Role: Queue, What: "a task trigger"},
	{Packages: triggerDev, Pattern: "**.trigger", Role: Queue, What: "a task trigger"},
	{Packages: bullmq, Pattern: "Queue().add", Role: Queue, What: "a BullMQ job"},
	{Packages: awsSQS, Pattern: "SQSClient().send", Role: Queue, What: "an SQS message send"},

	// --- Files and processes ---
	// fs, fs/promises and fs-extra, however imported (fs.x, fs.promises.x, fs.default.x, { promises }):
	// the path arguments are sinks (path traversal), not the content written.
	{Packages: fsMods, Pattern: "**.writeFile", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.writeFileSync", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.appendFile", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.appendFileSync", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.createWriteStream", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.truncate", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.outputFile", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.outputFileSync", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.outputJson", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.outputJSON", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.writeJson", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.writeJSON", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.writeJsonSync", Role: FileWrite, What: "a file write", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.unlink", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.unlinkSync", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.rm", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.rmSync", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.rmdir", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.rmdirSync", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.remove", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.removeSync", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.emptyDir", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.emptyDirSync", Role: FileWrite, What: "a file deletion", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.mkdir", Role: FileWrite, What: "a directory creation", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.mkdirSync", Role: FileWrite, What: "a directory creation", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.ensureDir", Role: FileWrite, What: "a directory creation", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.ensureDirSync", Role: FileWrite, What: "a directory creation", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.mkdirp", Role: FileWrite, What: "a directory creation", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.mkdirs", Role: FileWrite, What: "a directory creation", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.rename", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.renameSync", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.copyFile", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.copyFileSync", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.cp", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.cpSync", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.copy", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.copySync", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.move", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.moveSync", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.symlink", Role: FileWrite, What: "a file move or copy", PathArgs: 2},
	{Packages: fsMods, Pattern: "**.readFile", Role: FileRead, What: "a file read", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.readFileSync", Role: FileRead, What: "a file read", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.createReadStream", Role: FileRead, What: "a file read", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.readJson", Role: FileRead, What: "a file read", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.readJSON", Role: FileRead, What: "a file read", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.readJsonSync", Role: FileRead, What: "a file read", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.readdir", Role: FileRead, What: "a directory listing", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.readdirSync", Role: FileRead, What: "a directory listing", PathArgs: 1},
	{Packages: fsMods, Pattern: "**.opendir", Role: FileRead, What: "a directory listing", PathArgs: 1},
	{Packages: childProcess, Pattern: "**.exec", Role: FileWrite, What: "a shell command"},
	{Packages: childProcess, Pattern: "**.execSync", Role: FileWrite, What: "a shell command"},
	{Packages: childProcess, Pattern: "**.spawn", Role: FileWrite, What: "a shell command"},
	{Packages: childProcess, Pattern: "**.execFile", Role: FileWrite, What: "a shell command"},
	{Packages: childProcess, Pattern: "**.spawnSync", Role: FileWrite, What: "a shell command"},
	{Packages: childProcess, Pattern: "**.execFileSync", Role: FileWrite, What: "a shell command"},
	{Packages: vercelBlob, Pattern: "put", Role: FileWrite, What: "a blob upload"},
	{Packages: vercelBlob, Pattern: "del", Role: FileWrite, What: "a blob deletion"},
	{Packages: vercelBlob, Pattern: "copy", Role: FileWrite, What: "a blob copy"},
	{Packages: awsS3, Pattern: "S3Client().send", Role: FileWrite, What: "an S3 request"},
	{Packages: []string{"@aws-sdk/lib-storage"}, Pattern: "Upload().done", Role: FileWrite, What: "an S3 upload"},

	// --- Credential checks and flows (brute-force targets) ---
	{Packages: []string{"bcrypt", "bcryptjs"}, Pattern: "compare", Role: Credential, What: "a password check (bcrypt)"},
	{Packages: []string{"bcrypt", "bcryptjs"}, Pattern: "compareSync", Role: Credential, What: "a password check (bcrypt)"},
	{Packages: []string{"bcrypt", "bcryptjs"}, Pattern: "default.compare", Role: Credential, What: "a password check (bcrypt)"},
	{Packages: []string{"bcrypt", "bcryptjs"}, Pattern: "default.compareSync", Role: Credential, What: "a password check (bcrypt)"},
	{Packages: []string{"argon2"}, Pattern: "verify", Role: Credential, What: "a password check (argon2)"},
	{Packages: []string{"argon2"}, Pattern: "default.verify", Role: Credential, What: "a password check (argon2)"},
	{Packages: []string{"@node-rs/argon2", "@node-rs/bcrypt"}, Pattern: "verify", Role: Credential, What: "a password check"},
	{Packages: nextAuth, Pattern: "default().signIn", Role: Credential, What: "a sign-in (Auth.js)"},
	{Packages: []string{"next-auth/react"}, Pattern: "signIn", Role: Credential, What: "a sign-in (next-auth)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.signInEmail", Role: Credential, What: "a sign-in (better-auth)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.signUpEmail", Role: Credential, What: "a sign-up (better-auth)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.forgetPassword", Role: Credential, What: "a password reset (better-auth)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.requestPasswordReset", Role: Credential, What: "a password reset (better-auth)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.resetPassword", Role: Credential, What: "a password reset (better-auth)"},
	{Packages: betterAuth, Pattern: "betterAuth().api.sendVerificationOTP", Role: Credential, What: "a one-time code (better-auth)"},
	{Packages: supabase, Pattern: "*().auth.signInWithPassword", Role: Credential, What: "a sign-in (Supabase)"},
	{Packages: supabase, Pattern: "*().auth.signInWithOtp", Role: Credential, What: "a one-time code (Supabase)"},
	{Packages: supabase, Pattern: "*().auth.signUp", Role: Credential, What: "a sign-up (Supabase)"},
	{Packages: supabase, Pattern: "*().auth.resetPasswordForEmail", Role: Credential, What: "a password reset (Supabase)"},
	{Packages: supabase, Pattern: "*().auth.verifyOtp", Role: Credential, What: "a one-time code check (Supabase)"},
	{Packages: lucia, Pattern: "Lucia().createSession", Role: Credential, What: "a session creation (Lucia)"},
	{Packages: []string{"otplib", "@otplib/core"}, Pattern: "**.verify", Role: Credential, What: "a one-time code check"},
	{Packages: []string{"otplib", "@otplib/core"}, Pattern: "**.check", Role: Credential, What: "a one-time code check"},
	{Packages: []string{"speakeasy"}, Pattern: "totp.verify", Role: Credential, What: "a one-time code check"},

	// --- Outbound requests ---
	{Packages: []string{"axios"}, Pattern: "default", Role: Outbound, What: "an outbound request (axios)"},
	{Packages: []string{"axios"}, Pattern: "default.*", Role: Outbound, What: "an outbound request (axios)"},
	{Packages: []string{"axios"}, Pattern: "default.create().*", Role: Outbound, What: "an outbound request (axios)"},
	{Packages: []string{"got"}, Pattern: "default", Role: Outbound, What: "an outbound request (got)"},
	{Packages: []string{"got"}, Pattern: "default.*", Role: Outbound, What: "an outbound request (got)"},
	{Packages: []string{"ky"}, Pattern: "default", Role: Outbound, What: "an outbound request (ky)"},
	{Packages: []string{"ky"}, Pattern: "default.*", Role: Outbound, What: "an outbound request (ky)"},
	{Packages: []string{"node-fetch", "undici"}, Pattern: "default", Role: Outbound, What: "an outbound request"},
	{Packages: []string{"undici"}, Pattern: "fetch", Role: Outbound, What: "an outbound request"},
	{Packages: []string{"undici"}, Pattern: "request", Role: Outbound, What: "an outbound request"},

	// --- Routers mounted in a catch-all route ---
	{Packages: hono, Pattern: "handle", Role: 0, What: "a Hono app"},
}
