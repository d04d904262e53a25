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

// tab is a Chromium tab under test: steps with their own deadline, and
// screenshots saved in artifacts/ at the top of the checkout.
type tab struct {
	t         *testing.T
	ctx       context.Context
	artifacts string
}

func newTab(t *testing.T) *tab {
	t.Helper()
	artifacts := filepath.Join("..", "..", "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	return &tab{t: t, ctx: MustChromium(t), artifacts: artifacts}
}

// do runs a step with its own deadline and shows the page it got stuck
// on.
func (b *tab) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	sctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		html, _ := chromedp.Run(b.ctx, chromedp.OuterHTML(chromedp.CSS("html")))
		loc, _ := chromedp.Run(b.ctx, chromedp.Location())
		b.t.Fatalf("%s: %v\nat %s:\n%s", step, err, loc, html)
	}
}

// text returns the text of the element a CSS selector finds.
func (b *tab) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %v: %v", sel, err)
	}
	return s
}

func (b *tab) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(b.artifacts, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func TestReviewPageInChromium(t *testing.T) {
	b0 := newTab(t)
	ctx, do, screenshot := b0.ctx, b0.do, b0.screenshot
	s := MustRun(t)
	a, b, reviewID := s.pairWithCandidate("Cami")
	before := s.rows()

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

// TestCustomersPageInChromium is the front desk's flow in a browser: sign
// in, search, tick three profiles of one person, choose the survivor, a
// field and an attribute, read every value kept and why, confirm, and see
// one customer with the chosen values; then the same page in French, and
// undo.
func TestCustomersPageInChromium(t *testing.T) {
	tb := newTab(t)
	s := MustRun(t)
	a, b, c := s.threeOfOnePerson()

	tb.do("sign in from the customer search",
		chromedp.Navigate(s.base+"/customers"),
		chromedp.SendKeys(chromedp.ID("token"), s.token),
		chromedp.Click(chromedp.CSS("#signin button")),
		chromedp.WaitVisible(chromedp.ID("q")),
	)
	if loc, _ := chromedp.Run(tb.ctx, chromedp.Location()); !strings.HasSuffix(loc, "/customers") {
		t.Fatalf("after signing in at %s, want the customer search", loc)
	}
	tb.do("search",
		chromedp.SendKeys(chromedp.ID("q"), "camille roy"),
		chromedp.Click(chromedp.ID("search")),
		chromedp.WaitVisible(chromedp.ID("tick-"+a.ID)),
	)
	for _, p := range []profile{a, b, c} {
		tb.do("tick "+p.ID, chromedp.Click(chromedp.ID("tick-"+p.ID)))
	}
	tb.screenshot("customers-search.png")
	tb.do("merge selected", chromedp.Click(chromedp.ID("merge-selected")), chromedp.WaitVisible(chromedp.ID("merge-form")))
	if got := tb.text("#customer-name"); got != "Camille Roy" {
		t.Fatalf("the comparison is titled %q, want the customer's name", got)
	}
	tb.do("choose the second profile as survivor, the first one's first name and tier",
		chromedp.Click(chromedp.ID("survivor-"+b.ID)),
		chromedp.Click(chromedp.ID("pick-first_name-"+a.ID)),
		chromedp.Click(chromedp.ID("pick-attributes-tier-"+a.ID)),
	)
	tb.screenshot("customers-merge.png")
	tb.do("review the merge", chromedp.Click(chromedp.ID("review-merge")), chromedp.WaitVisible(chromedp.ID("confirm-merge")))
	for sel, want := range map[string]string{
		"#kept-first_name":                          "Camille",
		"#kept-first_name .kept-how":                "chosen by you",
		"#kept-attributes-tier":                     "silver",
		"#kept-attributes-tier .kept-how":           "chosen by you",
		"#kept-birth_date .kept-how":                "the survivor's value",
		"#kept-attributes-loyalty_points .kept-how": "the rule “sum” cannot read “abc”",
		"#kept-contacts-email":                      "c.roy@example.com",
		"#summary":                                  "tombstones",
	} {
		if got := tb.text(sel); !strings.Contains(got, want) {
			t.Errorf("%s says %q, want %q", sel, got, want)
		}
	}
	if s.profile(a.ID).Status != "active" {
		t.Fatal("the confirmation page merged already")
	}
	tb.screenshot("customers-confirm.png")
	tb.do("confirm", chromedp.Click(chromedp.ID("confirm-merge")), chromedp.WaitVisible(chromedp.CSS("button.undo")))
	if got := tb.text("#customer-name"); got != "Camille Roy" {
		t.Fatalf("the merged customer is titled %q", got)
	}
	if got := tb.text("#field-attributes-tier"); !strings.Contains(got, "silver") {
		t.Errorf("the merged customer's tier row says %q, want silver", got)
	}
	p := s.profile(b.ID)
	if p.Status != "active" || p.FirstName != "Camille" || p.Attributes["tier"] != "silver" || p.BirthDate != "1990-04-02" || len(p.Emails) != 2 {
		t.Fatalf("merged profile = %+v", p)
	}
	if s.profile(a.ID).Status != "merged" || s.profile(c.ID).Status != "merged" {
		t.Fatal("the other two profiles are not tombstones")
	}
	tb.screenshot("customers-merged.png")

	tb.do("switch to French",
		chromedp.Click(chromedp.ID("lang-fr")),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="fr"] #customer-name`)),
	)
	if got := tb.text("button.undo"); got != "Annuler cette fusion" {
		t.Errorf("the undo button in French says %q", got)
	}
	tb.screenshot("customers-merged-fr.png")
	tb.do("undo", chromedp.Click(chromedp.CSS("button.undo")),
		chromedp.WaitNotPresent(chromedp.CSS("button.undo")), chromedp.WaitVisible(chromedp.CSS("table.list")))
	if got := tb.text("p.notice"); !strings.Contains(got, "La fusion a été annulée") {
		t.Errorf("after the undo the page says %q", got)
	}
	if s.profile(a.ID).Status != "active" || s.profile(c.ID).Status != "active" || s.profile(b.ID).FirstName != "Camile" {
		t.Fatal("the undo did not restore the three profiles")
	}
}
