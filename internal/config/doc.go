// Package config reads archlint's configuration file (archlint.yaml, .archlint.yaml or archlint.json) and
// turns it into what the rest of archlint consumes: the enabled rules and their severities, path
// exclusions, --fail-on, the baseline file, and the analyzer Settings (custom guards, public endpoints).
//
// A file is checked in three steps, each error naming file, line, column and key: YAML syntax (yaml.v3,
// which keeps positions), the JSON Schema (archlint-config.v1.json, embedded and printed by `archlint
// config schema`; docs/schemas holds an identical copy for editors), and what a schema cannot say (rule
// IDs exist, globs compile, reasons are long enough).
//
// Rule patterns (IDs, aliases, globs over IDs) are resolved here for the configuration and for inline
// suppression directives alike (MatchRules). The package never reads project files and never decides what
// a finding is; it only configures the engine and the processors.
package config
