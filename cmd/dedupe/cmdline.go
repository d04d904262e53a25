package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// UsageError is a command line the program refuses before it does
// anything: an unknown command or flag, a missing flag or argument, a
// value that does not parse, in a flag or in an environment variable. The
// process exits with status 2 (see ExitCode).
type UsageError struct {
	Cmd string // the command, "tenant create"; "" for the program itself
	Err error
}

func (e *UsageError) Error() string {
	if e.Cmd == "" {
		return e.Err.Error()
	}
	return e.Cmd + ": " + e.Err.Error()
}

func (e *UsageError) Unwrap() error { return e.Err }

// ExitCode is the process's exit status for what Main.Run returned: 0 for
// nil, 2 for a UsageError, 1 for any other error.
func ExitCode(err error) int {
	var u *UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		return 2
	}
	return 1
}

// cmdline is one command's command line: its flag set, the environment
// variables its flags default from, and its usage. A command declares its
// flags on fs, binds some to the environment with env, names the required
// ones with require, then calls parse before it opens any connection.
type cmdline struct {
	fs       *flag.FlagSet
	name     string   // "tenant create"
	synopsis string   // after the name: "--slug SLUG --region CC"
	about    string   // what the command does, one or more sentences
	example  string   // one or more example command lines
	args     []string // names of the positional arguments, all required
	required []string // flags that must not be empty

	envs    map[string]string             // flag name → environment variable
	envErrs map[string]error              // flag name → why its variable does not parse
	checks  map[string]func(string) error // flag name → what its value must be
	getenv  func(string) string
	stdout  io.Writer
	stderr  io.Writer
}

// cmdline starts the command line of command name.
func (m *Main) cmdline(name, synopsis, about, example string) *cmdline {
	fs := flag.NewFlagSet("dedupe "+name, flag.ContinueOnError)
	// parse reports errors and prints the usage itself.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &cmdline{fs: fs, name: name, synopsis: synopsis, about: about, example: example,
		envs: map[string]string{}, envErrs: map[string]error{}, checks: map[string]func(string) error{},
		getenv: m.Getenv, stdout: m.Stdout, stderr: m.Stderr}
}

// env makes environment variable name the default of flag: when set and
// not empty, it replaces the flag's built-in default, and the command line
// overrides both. A value that does not parse is refused by parse unless
// the command line sets the flag. The usage shows the built-in default,
// never the variable's value (DATABASE_URL holds a password).
func (c *cmdline) env(flagName, name string) {
	f := c.fs.Lookup(flagName)
	c.envs[flagName] = name
	v := c.getenv(name)
	if v == "" {
		return
	}
	if err := f.Value.Set(v); err != nil {
		c.envErrs[flagName] = fmt.Errorf("%s=%q is not %s", name, v, kindOf(f.Value))
	}
}

// kindOf describes the values a flag takes, for an error message.
func kindOf(v flag.Value) string {
	g, ok := v.(flag.Getter)
	if !ok {
		return "valid"
	}
	switch g.Get().(type) {
	case bool:
		return "a boolean (true or false, 1 or 0)"
	case int, int64, uint, uint64:
		return "a whole number"
	case float64:
		return "a number"
	case time.Duration:
		return "a duration such as 30s or 2m"
	}
	return "valid"
}

// require names flags that must be set, on the command line or, for a
// flag bound with env, in the environment.
func (c *cmdline) require(flagNames ...string) { c.required = append(c.required, flagNames...) }

// parse parses args and returns the positional arguments. -h and --help
// print the usage on stdout and return flag.ErrHelp, which Main.Run turns
// into success. A bad command line prints the usage on stderr and returns
// a UsageError; so does a bad environment value, without the usage.
func (c *cmdline) parse(args []string) ([]string, error) {
	if err := c.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.usage(c.stdout)
			return nil, flag.ErrHelp
		}
		return nil, c.fail(err)
	}
	// Every problem at once: a missing flag, a wrong number of arguments,
	// a bad environment value.
	var line, env []error
	for _, name := range c.required {
		if c.fs.Lookup(name).Value.String() != "" {
			continue
		}
		if v, ok := c.envs[name]; ok {
			line = append(line, fmt.Errorf("missing --%s (or %s)", name, v))
		} else {
			line = append(line, fmt.Errorf("missing --%s", name))
		}
	}
	rest := c.fs.Args()
	switch {
	case len(rest) < len(c.args):
		line = append(line, fmt.Errorf("missing %s", strings.Join(c.args[len(rest):], " ")))
	case len(rest) > len(c.args):
		line = append(line, fmt.Errorf("unexpected argument %q", rest[len(c.args)]))
	}
	c.fs.VisitAll(func(f *flag.Flag) {
		if err := c.envErrs[f.Name]; err != nil && !c.set(f.Name) {
			env = append(env, err)
		}
	})
	switch {
	case len(line) > 0:
		return nil, c.fail(errors.Join(append(line, env...)...))
	case len(env) > 0:
		return nil, &UsageError{Cmd: c.name, Err: errors.Join(env...)}
	}
	for _, name := range slices.Sorted(maps.Keys(c.checks)) {
		if v := c.fs.Lookup(name).Value.String(); v != "" {
			if err := c.checks[name](v); err != nil {
				return nil, c.invalid(name, err)
			}
		}
	}
	return rest, nil
}

// set reports whether the command line sets flag name.
func (c *cmdline) set(name string) bool {
	found := false
	c.fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// invalid is the UsageError for a flag whose value parsed but is not
// acceptable, naming where the value came from.
func (c *cmdline) invalid(flagName string, err error) error {
	from := "--" + flagName
	if env, ok := c.envs[flagName]; ok && !c.set(flagName) {
		from = env
	}
	return &UsageError{Cmd: c.name, Err: fmt.Errorf("%s: %w", from, err)}
}

// fail prints the usage on stderr and returns err as a UsageError.
func (c *cmdline) fail(err error) error {
	c.usage(c.stderr)
	return &UsageError{Cmd: c.name, Err: err}
}

// usage prints the synopsis, what the command does, an example, and every
// flag with its default and environment variable.
func (c *cmdline) usage(w io.Writer) {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s\n\n%s\n\nExample:\n", strings.TrimSpace("dedupe "+c.name+" "+c.synopsis), c.about)
	for _, line := range strings.Split(strings.TrimSpace(c.example), "\n") {
		fmt.Fprintf(&b, "  %s\n", line)
	}
	b.WriteString("\nFlags:\n")
	c.fs.VisitAll(func(f *flag.Flag) {
		value, text := flag.UnquoteUsage(f)
		// A value named by its type is named as the usage's synopsis does.
		value = cmp.Or(map[string]string{"int": "N", "uint": "N", "float": "N", "string": "VALUE", "duration": "DURATION"}[value], value)
		fmt.Fprintf(&b, "  --%s", f.Name)
		if value != "" {
			fmt.Fprintf(&b, " %s", value)
		}
		var notes []string
		if slices.Contains(c.required, f.Name) {
			notes = append(notes, "required")
		}
		if !slices.Contains([]string{"", "false", "0", "0s"}, f.DefValue) {
			notes = append(notes, "default "+f.DefValue)
		}
		if env, ok := c.envs[f.Name]; ok {
			notes = append(notes, "env "+env)
		}
		if len(notes) > 0 {
			text += " (" + strings.Join(notes, "; ") + ")"
		}
		fmt.Fprintf(&b, "\n        %s\n", strings.ReplaceAll(text, "\n", "\n        "))
	})
	b.WriteString("  -h, --help\n        print this help\n")
	if len(c.envs) > 0 {
		b.WriteString("\nEach environment variable named above is the default of its flag; the flag wins.\n")
	}
	io.WriteString(w, b.String())
}

// idFlag declares a required --id flag that must be a UUID: a typo is a
// refused command line (exit 2), where an id of nothing is a failure.
func idFlag(cl *cmdline, p *string, usage string) {
	cl.fs.StringVar(p, "id", "", usage)
	cl.require("id")
	cl.checks["id"] = func(v string) error {
		if len(v) != 36 || uuid.Validate(v) != nil {
			return errors.New("not an id (a UUID)")
		}
		return nil
	}
}

// databaseURLFlag declares the required --database-url flag, from
// DATABASE_URL.
func databaseURLFlag(cl *cmdline, p *string) {
	cl.fs.StringVar(p, "database-url", "", "PostgreSQL connection `URL`")
	cl.env("database-url", "DATABASE_URL")
	cl.require("database-url")
	cl.checks["database-url"] = func(v string) error {
		_, err := pgxpool.ParseConfig(v) // its error hides a password
		return err
	}
}
