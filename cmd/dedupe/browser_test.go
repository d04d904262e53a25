package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// chromiumPath is Debian's chromium package (make deps installs it).
const chromiumPath = "/usr/bin/chromium"

// MustChromium starts a headless Chromium with a fresh profile and returns
// a browser context, closed at cleanup. A missing Chromium fails the test:
// it never skips.
func MustChromium(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("headless Chromium is needed for the review page test: %v (run make deps, or apt-get install chromium)", err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	// Start the browser now, on this context: the first action starts it
	// and ties it to the context it runs on.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

func TestReviewPageInChromium(t *testing.T) {
	ctx := MustChromium(t)
	s := MustRun(t)
	a, b, reviewID := s.pairWithCandidate("Cami")
	before := s.rows()
	artifacts := filepath.Join("..", "..", "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	// do runs a step with its own deadline and shows the page it got
	// stuck on.
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			t.Fatalf("%s: %v\nat %s:\n%s", step, err, loc, html)
		}
	}
	screenshot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(filepath.Join(artifacts, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	do("sign in",
		chromedp.Navigate(s.base+"/review"),
		chromedp.SendKeys(chromedp.ID("token"), s.token),
		chromedp.Click(chromedp.CSS("#signin button")),
		chromedp.WaitVisible(chromedp.CSS("a.open-candidate")),
	)
	if cookie, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.cookie")); err != nil || cookie != "" {
		t.Fatalf("document.cookie = %q, %v: the session cookie must be HttpOnly", cookie, err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); strings.Contains(loc, "ddp_") {
		t.Fatalf("the token is in the URL: %s", loc)
	}

	do("open the candidate",
		chromedp.Click(chromedp.CSS(`a[href="/review/candidates/`+reviewID+`"]`)),
		chromedp.WaitVisible(chromedp.ID("merge-form")),
	)
	do("pick the first name of the other profile", chromedp.Click(chromedp.ID("pick-first_name-"+b.ID)))
	screenshot("review.png")
	do("ask to merge",
		chromedp.Click(chromedp.ID("review-merge")),
		chromedp.WaitVisible(chromedp.ID("confirm-merge")),
	)
	summary, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("summary")))
	if err != nil || !strings.Contains(summary, "tombstone") || !strings.Contains(summary, "Profile 2") {
		t.Fatalf("confirmation says %q, %v; want which profile becomes a tombstone", summary, err)
	}
	if p := s.profile(b.ID); p.Status != "active" {
		t.Fatal("the confirmation page merged already")
	}
	screenshot("review-confirm.png")
	do("confirm", chromedp.Click(chromedp.ID("confirm-merge")), chromedp.WaitVisible(chromedp.CSS("button.undo")))

	if p := s.profile(a.ID); p.FirstName != "Cami" || p.Status != "active" || p.ActivityCount != 2 {
		t.Fatalf("survivor after the merge = %+v", p)
	}
	if p := s.profile(b.ID); p.Status != "merged" {
		t.Fatalf("other profile after the merge = %+v", p)
	}
	if n := s.count(`SELECT count(*) FROM review_candidates WHERE id = $1 AND status = 'merged'`, reviewID); n != 1 {
		t.Fatal("the candidate is not marked merged")
	}
	screenshot("review-history.png")

	do("undo from the history", chromedp.Click(chromedp.CSS("button.undo")), chromedp.WaitNotPresent(chromedp.CSS("button.undo")))
	if diff := cmp.Diff(before, s.rows()); diff != "" {
		t.Fatalf("after the undo the rows differ from before the merge (-before +after):\n%s", diff)
	}
	if p := s.profile(b.ID); p.Status != "active" || p.FirstName != "Cami" {
		t.Fatalf("other profile after the undo = %+v", p)
	}
}
