package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// VersionCommand prints the module version and the VCS revision the
// binary was built from, as the Go toolchain stamped them.
type VersionCommand struct{ m *Main }

// Run runs `dedupe version`.
func (c *VersionCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("version", "",
		`Print the module and its version, the VCS revision and commit time the binary
was built from (with "modified" when the tree had uncommitted changes), and the
Go version. Binaries built without VCS information say "revision unknown".`,
		"dedupe version\ndedupe --version")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return errors.New("the binary holds no build information")
	}
	_, err := fmt.Fprint(c.m.Stdout, describeBuild(bi))
	return err
}

// describeBuild describes the build from the information the Go toolchain
// embeds in every binary. The toolchain records the VCS revision only when
// it builds in a checkout (a Git worktree's .git file does not count,
// golang/go#58218) and -buildvcs is not false.
func describeBuild(bi *debug.BuildInfo) string {
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	var b strings.Builder
	fmt.Fprintf(&b, "module   %s %s\n", bi.Main.Path, bi.Main.Version)
	revision := settings["vcs.revision"]
	if revision == "" {
		revision = "unknown"
	}
	if settings["vcs.modified"] == "true" {
		revision += " (modified)"
	}
	fmt.Fprintf(&b, "revision %s\n", revision)
	if t := settings["vcs.time"]; t != "" {
		fmt.Fprintf(&b, "time     %s\n", t)
	}
	fmt.Fprintf(&b, "go       %s %s/%s\n", bi.GoVersion, runtime.GOOS, runtime.GOARCH)
	return b.String()
}
