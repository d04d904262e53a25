package main

import (
	"net/http"
	"net/http/pprof"
	"strings"
)

// withPprof serves Go's profiler at /debug/pprof/ beside h when on
// (--pprof, DEDUPE_PPROF=1), for benchmarks (docs/performance.md). It is off by
// default: profiles show internals and cost CPU, and the listener may be
// public.
func (m *Main) withPprof(on bool, h http.Handler) http.Handler {
	if !on {
		return h
	}
	debug := http.NewServeMux()
	debug.HandleFunc("/debug/pprof/", pprof.Index)
	debug.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	debug.HandleFunc("/debug/pprof/profile", pprof.Profile)
	debug.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	debug.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/debug/pprof/") {
			debug.ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}
