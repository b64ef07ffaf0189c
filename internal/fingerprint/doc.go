// Package fingerprint computes the fingerprints that let GitHub and archlint recognise the same finding
// across runs: GitHub's primaryLocationLineHash (LineHashes) and archlint's own line-independent
// archlintFingerprint/v1 (Key, NormalizeCode).
//
// The package only hashes what it is given. It does not read files, decide which line a finding is on, or
// choose a rule's key: the driver does that and stores the results in report.Finding.
package fingerprint
