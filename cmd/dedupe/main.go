// Command dedupe runs the dedupe service and its administration commands.
// See Main for the subcommands, and `dedupe help`.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := NewMain().Run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dedupe:", err)
	}
	os.Exit(ExitCode(err))
}
