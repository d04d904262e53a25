// Package matcher is the dedupe domain: it normalises contact details, decides
// which profile an incoming booking or sale belongs to, and computes the field
// changes an update makes.
//
// It does no I/O and imports nothing of the project, so the whole matching
// policy is a table test away. The store loads the candidate profiles, calls
// Decide and Apply, and writes what they return.
//
// Beyond the standard library it uses two well-kept libraries where writing
// our own would be a liability: github.com/nyaruka/phonenumbers (a maintained
// port of libphonenumber; phone numbering plans change every year) and
// golang.org/x/text + golang.org/x/net/idna (Unicode NFC and IDNA, which the
// email rules in DESIGN.md require).
package matcher
