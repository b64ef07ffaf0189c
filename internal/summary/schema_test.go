package summary

import "testing"

func TestTopLevelSchema(t *testing.T) {
	for in, loose := range map[string]bool{
		"z.object({a:z.string()})":                        false,
		"z.object({a:z.string(),meta:z.record(z.any())})": false,
		"z.object({a:z.string()}).passthrough()":          true,
		"z.object({})":                                    true,
		"z.record(z.string())":                            true,
		"z.any()":                                         true,
		"z.object({a:z.string()}).catchall(z.any())":      true,
		"z.looseObject({a:z.string()})":                   true,
	} {
		if got := looseSchema.MatchString(topLevel(in)); got != loose {
			t.Errorf("%s: loose=%v, want %v (top level %q)", in, got, loose, topLevel(in))
		}
	}
}
