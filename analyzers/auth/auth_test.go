package auth_test

import (
	"testing"

	"github.com/archlint/archlint/analyzers/auth"
	"github.com/archlint/archlint/internal/analysistest"
)

func TestExportForms(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/auth-forms", auth.Analyzer)
}

func TestMonorepoWrapperThroughWorkspacePackage(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/auth-monorepo", auth.Analyzer)
}

func TestMiddlewareCoveringAPI(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/auth-middleware-api", auth.Analyzer)
}

func TestMiddlewareNotCoveringAPI(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/auth-middleware-noapi", auth.Analyzer)
}

func TestClerkV4PublicRoutes(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/auth-clerk-v4", auth.Analyzer)
}

func TestClerkV6RouteMatcher(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/auth-clerk-v6", auth.Analyzer)
}
