package fingerprint

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// KeyName is the SARIF partialFingerprints property that carries Key. SARIF §3.27.17 requires a versioned
// name; bump the version whenever the recipe of Key or of any rule's key changes, because consumers
// (baselines, PR-comment dedupe, base-vs-head comparison) compare values of the same version only.
const KeyName = "archlintFingerprint/v1"

// Key returns archlintFingerprint/v1: the first 16 hex digits of SHA-256 over ruleID, NUL, path, NUL,
// ruleKey. path is the repository-relative, slash-separated, unencoded path; ruleKey is the rule-specific,
// line-independent key (for example an import specifier and the enclosing export name), usually passed
// through NormalizeCode. The result does not change when lines are added or removed around the finding.
func Key(ruleID, path, ruleKey string) string {
	h := sha256.New()
	h.Write([]byte(ruleID))
	h.Write([]byte{0})
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write([]byte(ruleKey))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// NormalizeCode removes every white-space character from s (unicode.IsSpace: spaces, tabs, line
// terminators, NBSP and the other Unicode White_Space characters), so that a key built from source text
// survives re-indentation, re-wrapping and a change of line endings. Other characters are kept as they are.
func NormalizeCode(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
