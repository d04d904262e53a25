// Command dedupe runs the dedupe service and its administration commands.
// See Main for the subcommands, and `dedupe help`.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	setGCPercent(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := NewMain().Run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dedupe:", err)
	}
	os.Exit(ExitCode(err))
}

// defaultGCPercent is the garbage collector's GOGC when the environment
// sets none. The service's live heap is small (about 15 MB) and each
// booking allocates tens of kilobytes, so at Go's default of 100 it
// collected several times a second: 5–7% of its CPU. At 400 the heap
// settles near 70 MiB, flat, and in 3-minute soaks at 575 bookings a
// second (docs/performance.md, section 19) dedupe spent 0.93–0.94 ms of
// CPU a booking against 0.99–1.08, and the p99 fell from 210–399 ms to
// 133–161 ms.
const defaultGCPercent = 400

// setGCPercent applies defaultGCPercent unless GOGC is set, and returns
// the percentage in force (-1 when GOGC decides).
func setGCPercent(getenv func(string) string) int {
	if getenv("GOGC") != "" {
		return -1
	}
	debug.SetGCPercent(defaultGCPercent)
	return defaultGCPercent
}
