// Package discover finds what archlint analyses in a repository: the analysis root and the git root above
// it (Locate), then the files of interest, the Next.js apps with their route handlers, Pages Router API
// routes, server-action files and middleware/proxy, the package.json packages and the Prisma schema sets
// (Discover).
//
// It reads files only as far as needed to classify them: a package.json is decoded, a prisma.config file is
// scanned for its schema path, and a JS/TS file's leading directive ('use server' / 'use client') is
// detected; no JS/TS is parsed and no file contents are kept. Later stages read project files through
// (*Repo).ReadFile, which refuses anything whose real path is outside the analysis root.
//
// Discover never leaves the root: it prunes build output and dependency folders, honours .gitignore
// (nested files, .git/info/exclude, and .gitignore files between the root and the git root), does not follow
// symbolic links that lead outside the root, and walks a directory reached twice through links once.
// Everything it returns is sorted, so two runs over the same tree are deep-equal.
//
// This package does not decide what is a finding and never prints; problems with individual files become
// report.Notification values on the Repo.
package discover
