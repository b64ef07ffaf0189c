package cli

import (
	"errors"
	"fmt"
)

// Exit codes (ESLint's convention; spec CLI-10).
const (
	// ExitOK: the analysis completed and nothing reached --fail-on.
	ExitOK = 0
	// ExitFindings: the analysis completed with findings at or above --fail-on.
	ExitFindings = 1
	// ExitUsage: usage error, unreadable root, invalid input or internal error.
	ExitUsage = 2
)

// ExitError carries the process exit code out of a command. main is the only place that calls os.Exit,
// with the code ExitCode derives from the error a command returned.
type ExitError struct {
	Code int
	// Err is the cause, printed to stderr unless nil (exit 1 for findings carries no message).
	Err error
	// Usage is true for command-line mistakes; the message is followed by a hint to run --help.
	Usage bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// usageError is a command-line mistake: exit code 2 and a hint to run --help.
func usageError(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...), Usage: true}
}

// ExitCode maps a command's error to the process exit code: nil → 0, an *ExitError → its code, anything
// else (cobra's flag errors, internal errors) → 2.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitUsage
}

// failure is an error that stops the run with exit code 2 (unreadable root, internal error).
func failure(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}
