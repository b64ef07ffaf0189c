package libs

import (
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	for _, c := range []struct {
		pkg, sub, name string
		path           []string
		want           string
	}{
		{"next-auth", "", "getServerSession", nil, "next-auth:getServerSession"},
		{"@clerk/nextjs", "server", "auth", []string{"()", "protect"}, "@clerk/nextjs/server:auth().protect"},
		{"@prisma/client", "", "PrismaClient", []string{"()", "user", "create"}, "@prisma/client:PrismaClient().user.create"},
		{"zod", "", "z", []string{"object", "()", "strict", "()", "parse"}, "zod:z.object().strict().parse"},
		{"fs", "", "", []string{"writeFile"}, "fs:writeFile"},
	} {
		if got := Key(c.pkg, c.sub, c.name, c.path...); got != c.want {
			t.Errorf("Key(%s,%s,%s,%v) = %s, want %s", c.pkg, c.sub, c.name, c.path, got, c.want)
		}
	}
}

func TestRoles(t *testing.T) {
	for key, want := range map[string]Role{
		"next-auth:getServerSession":                         Identity,
		"next-auth/next:getServerSession":                    Identity,
		"@clerk/nextjs/server:auth":                          Identity,
		"@clerk/nextjs/server:auth.protect":                  AuthGuard,
		"@clerk/nextjs/server:auth().protect":                AuthGuard,
		"@prisma/client:PrismaClient().user.create":          DBWrite,
		"@prisma/client:PrismaClient().user.findMany":        DBRead,
		"@prisma/client:PrismaClient().$executeRawUnsafe":    DBWrite,
		"zod:z.object().strict().parse":                      Validate,
		"zod:z.string().email().safeParse":                   Validate,
		"stripe:default().checkout.sessions.create":          Payment,
		"stripe:default().customers.create":                  Payment,
		"stripe:default().webhooks.constructEvent":           WebhookVerify,
		"openai:default().chat.completions.create":           PaidAPI,
		"ai:streamText":                                      PaidAPI,
		"resend:Resend().emails.send":                        SendEmail,
		"postmark:Client().sendEmailWithTemplate":            SendEmail,
		"better-auth:betterAuth().api.setPassword":           AuthGuard,
		"crypto:createVerify().verify":                       WebhookVerify,
		"next/navigation:redirect":                           Exit,
		"@upstash/ratelimit:Ratelimit().limit":               RateLimit,
		"@arcjet/next:default().protect":                     RateLimit,
		"better-auth:betterAuth().api.getSession":            Identity,
		"@supabase/ssr:createServerClient().auth.getUser":    Identity,
		"next-auth:default().auth":                           Identity | IdentityWrapper,
		"next-auth:default()":                                AuthCatchAll,
		"better-auth/next-js:toNextJsHandler().GET":          AuthCatchAll | RateLimit,
		"@prisma/client:PrismaClient().user":                 0,
		"zod:z.object":                                       0,
		"stripe:default().customers.list":                    0,
		"@supabase/ssr:createServerClient().auth.getSession": 0,
	} {
		if got, _ := Roles(key); got != want {
			t.Errorf("Roles(%s) = %b, want %b", key, got, want)
		}
	}
}

func TestSplitKey(t *testing.T) {
	got := splitKey("a().b.c()()")
	want := []string{"a", "()", "b", "c", "()", "()"}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%v", got)
		}
	}
}

// TestNodePrefixedBuiltins: "node:crypto" keys are not cut at the scheme's colon.
func TestNodePrefixedBuiltins(t *testing.T) {
	for key, want := range map[string]Role{
		"node:crypto:default.timingSafeEqual()": WebhookVerify,
		"node:crypto:timingSafeEqual":           WebhookVerify,
		"node:fs:writeFile":                     FileWrite,
	} {
		if got, _ := Roles(strings.TrimSuffix(key, "()")); got&want == 0 {
			t.Errorf("Roles(%s) = %b, want %b", key, got, want)
		}
	}
}

// TestFilePaths: fs calls match however the module is imported, reads are not writes, and only the
// path arguments are sinks.
func TestFilePaths(t *testing.T) {
	for _, c := range []struct {
		key      string
		role     Role
		pathArgs int
	}{
		{"fs:default.promises.writeFile", FileWrite, 1},
		{"fs/promises:writeFile", FileWrite, 1},
		{"node:fs:promises.unlink", FileWrite, 1},
		{"fs-extra:default.remove", FileWrite, 1},
		{"fs:default.rename", FileWrite, 2},
		{"node:fs:default.createReadStream", FileRead, 1},
		{"fs/promises:default.readdir", FileRead, 1},
		{"child_process:default.exec", FileWrite, 0},
	} {
		got, e := Roles(c.key)
		if got != c.role || e == nil || e.PathArgs != c.pathArgs {
			t.Errorf("Roles(%s) = %b, %+v; want %b with PathArgs %d", c.key, got, e, c.role, c.pathArgs)
		}
	}
	if got, _ := Roles("fs:default.readFile"); got&Sensitive != 0 {
		t.Errorf("a file read is sensitive: %b", got)
	}
}
