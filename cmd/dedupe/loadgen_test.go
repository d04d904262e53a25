package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"dedupe/internal/logtest"
	"dedupe/loadgen"
)

func TestLoadgen(t *testing.T) {
	s := MustRun(t)
	loadgenCLI := func(args ...string) (string, string, error) {
		var out bytes.Buffer
		var errs logtest.Buffer
		m := &Main{Stdout: &out, Stderr: &errs, Getenv: envOf(map[string]string{"DATABASE_URL": s.dbURL, "REDIS_URL": s.redis.URL()})}
		err := m.Run(context.Background(), append([]string{"loadgen"}, args...))
		return out.String(), errs.String(), err
	}

	t.Run("NothingAccepted", func(t *testing.T) {
		// A run whose every request failed failed, and says why.
		out, _, err := loadgenCLI("--url", "http://127.0.0.1:1", "--count", "3", "--cleanup", "--quiet")
		if ExitCode(err) != 1 || !strings.Contains(err.Error(), "none of the 3 requests was accepted") ||
			!strings.Contains(err.Error(), "connection refused") || !strings.Contains(out, "the first refused:") {
			t.Fatalf("loadgen against nothing = %v (exit %d):\n%s", err, ExitCode(err), out)
		}
	})

	t.Run("OK", func(t *testing.T) {
		// A small load over HTTP: two tenants, returning customers, typos
		// and family emails.
		out, progress, err := loadgenCLI("--url", s.base, "--tenants", "2", "--customers", "120", "--count", "300",
			"--duplicate-rate", "0.5", "--typo-rate", "0.2", "--shared-email-rate", "0.4", "--sales-rate", "0.2",
			"--concurrency", "4", "--seed", "5", "--json", "--cleanup", "--progress-every", "50ms")
		if err != nil {
			t.Fatalf("loadgen: %v\n%s\n%s", err, progress, s.logs)
		}
		var rep loadgen.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("report is not JSON: %v\n%s", err, out)
		}
		t.Logf("report:\n%s", out)
		if rep.Mode != "http" || rep.Sent != 300 || rep.Accepted != 300 || rep.Processed != 300 || rep.Missing != 0 || !rep.Drained {
			t.Errorf("mode %s sent %d accepted %d processed %d missing %d drained %v; want 300 of each over http",
				rep.Mode, rep.Sent, rep.Accepted, rep.Processed, rep.Missing, rep.Drained)
		}
		d := rep.Decisions
		if d["created"]+d["updated"] != 300 || d["failed"] != 0 || d["created"] != rep.Quality.Profiles {
			t.Errorf("decisions %v for 300 requests on %d profiles", d, rep.Quality.Profiles)
		}
		if q := rep.Quality; q.Precision != 1 || q.WronglyMerged != 0 || q.Recall < 0.9 {
			t.Errorf("quality %+v: want precision 1, nobody wrongly merged, recall at least 0.9", q)
		}
		if rep.Reviews.DifferentPeople == 0 || rep.EndToEnd.Count != 300 || rep.SendLatency.Count != 300 {
			t.Errorf("reviews %+v, latencies %+v %+v", rep.Reviews, rep.EndToEnd, rep.SendLatency)
		}
		if !strings.Contains(progress, "loadgen send") {
			t.Errorf("no progress line on stderr:\n%s", progress)
		}
		if n := s.count(`SELECT count(*) FROM tenants WHERE slug LIKE 'loadgen-%'`); n != 0 || !rep.CleanedUp {
			t.Errorf("%d loadgen tenants left after --cleanup", n)
		}
		if n := s.count(`SELECT count(*) FROM profiles`); n != 0 {
			t.Errorf("%d profiles left after --cleanup", n)
		}
	})

	t.Run("ErrBadFlags", func(t *testing.T) {
		for _, args := range [][]string{{"--mode", "carrier-pigeon"}, {"--duplicate-rate", "1.5"}, {"extra"}} {
			if _, _, err := loadgenCLI(args...); err == nil {
				t.Errorf("loadgen %v succeeded", args)
			}
		}
	})
}
