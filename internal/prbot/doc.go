// Package prbot is archlint's pull-request review bot: given findings and a GitHub Actions context, it
// posts one review with inline comments on the lines the pull request changes, keeps one summary comment up
// to date, removes its comments on fixed findings, and falls back to workflow-command annotations and the
// job summary when it cannot write. It talks to GitHub through google/go-github (v75) and never decides
// what is a finding: the caller hands it a report.Report (from an analysis or from SARIF).
//
// # How GitHub behaves, and what the bot does about it (spec §7, PR-04..PR-41)
//
//   - Review comments refer to lines of the pull request's head commit (commit_id = head SHA, side RIGHT).
//     GitHub accepts them only on lines its diff shows, and a multi-line comment only within one hunk;
//     creating a review is all or nothing, so one bad anchor (422) loses every comment. The bot therefore
//     anchors from the same diff GitHub validates against (GET /pulls/{n} as application/vnd.github.v3.diff)
//     before posting, and on a 422 does not retry: the findings go to the summary instead.
//   - That diff is refused with 406 when the pull request exceeds 300 files or 20,000 lines: the bot falls
//     back to `git diff base...head` in the clone, then to the paginated files API (whose patches are
//     missing for very large files).
//   - Review comments cost one request each when posted one by one and trip GitHub's secondary rate limits
//     ("no more than 80 content-generating requests per minute"); the bot posts at most one review per run,
//     with at most 30 comments (reviewdog's limit), and makes writes one at a time.
//   - Nothing on GitHub says a comment is the bot's except its author and its text. Every body carries a
//     hidden marker (see body.go); the bot edits and deletes only comments with its marker and category and
//     its author. GITHUB_TOKEN cannot read GET /user (403), and its comments are github-actions[bot]'s.
//   - Listing comments is paginated (at most 100 per page, Link headers): the bot reads every page of review
//     comments and of issue comments.
//   - A re-run must not repeat itself: comments already posted for a fingerprint are kept, the summary is
//     edited only when its text changes (ignoring the run ID of the link to the run), and a comment someone
//     replied to is never deleted.
//   - Pull requests from forks (and Dependabot's) run with a read-only GITHUB_TOKEN: every write answers
//     403 "Resource not accessible by integration". The bot recognises them from the event and makes no
//     write call; it also falls back when a write answers 403/404 or a rate limit outlasts the retries.
//     Annotations are limited to 10 errors and 10 warnings per step, so the job summary carries the table.
//   - 403 is also how GitHub reports rate limits. retry.go tells the two apart and waits as told
//     (Retry-After, X-RateLimit-Reset), a bounded number of times.
//   - Comment bodies are limited to 65,536 characters; the bot cuts longer ones at a line and links to the
//     workflow run.
//
// The package must not read configuration, run the analysis or print anything but to the writers it is
// given.
package prbot
