package ratelimit_test

import (
	"testing"

	"github.com/archlint/archlint/analyzers/auth"
	"github.com/archlint/archlint/analyzers/ratelimit"
	"github.com/archlint/archlint/internal/analysistest"
)

func TestTriggersAndLimiters(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/ratelimit", ratelimit.Analyzer, auth.Analyzer)
}

func TestMiddlewareLimiter(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/ratelimit-middleware", ratelimit.Analyzer)
}
