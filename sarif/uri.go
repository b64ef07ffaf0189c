package sarif

import (
	"fmt"
	"strings"
)

// PathURI returns the artifactLocation.uri for a repository-relative, slash-separated, unencoded path:
// each segment percent-encoded (SARIF-13a), so that app/[id]/page.tsx becomes app/%5Bid%5D/page.tsx.
//
// Characters that RFC 3986 allows in a path segment are kept (letters, digits, "-._~", "!$&'()*,=", ":" and
// "@"), so Next.js route groups and slots such as (shop) and @modal stay readable. Everything else is
// encoded as UTF-8 bytes, upper-case hex: "[" "]" space "#" "%" "?" and non-ASCII characters, and also "+"
// and ";", which some decoders turn into a space or cut a path at. Decoding the result with
// decodeURIComponent (codeql-action) or url.Parse (reviewdog) gives back the path. A first segment that
// contains ":" gets a "./" prefix, so the URI cannot be read as having a scheme.
//
// PathURI returns an error for a path that is empty, absolute, or has an empty, "." or ".." segment: such
// a path is a bug in whatever produced the report, and GitHub could not place the result.
func PathURI(path string) (string, error) {
	if path == "" {
		return "", fmt.Errorf("empty path")
	}
	if strings.HasPrefix(path, "/") {
		return "", fmt.Errorf("path %q is absolute; want a path relative to the repository root", path)
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		switch s {
		case "", ".", "..":
			return "", fmt.Errorf("path %q has an empty, \".\" or \"..\" segment", path)
		}
		segs[i] = escapeSegment(s)
	}
	u := strings.Join(segs, "/")
	if strings.Contains(segs[0], ":") {
		u = "./" + u
	}
	return u, nil
}

// escapeSegment percent-encodes one path segment; see PathURI for which bytes are kept.
func escapeSegment(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keepInSegment(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func keepInSegment(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~', // unreserved
		'!', '$', '&', '\'', '(', ')', '*', ',', '=', // sub-delims, less "+" and ";"
		':', '@':
		return true
	}
	return false
}
