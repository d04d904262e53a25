package deploy

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestAlertRules checks alerts.yml with promtool and runs its unit tests
// (alerts_test.yml), which fire and clear the alerts on made-up series.
func TestAlertRules(t *testing.T) {
	promtool := tool(t, "promtool", "prometheus")
	run(t, promtool, "check", "rules", "alerts.yml")
	out := run(t, promtool, "test", "rules", "alerts_test.yml")
	if !strings.Contains(out, "SUCCESS") {
		t.Fatalf("promtool test rules:\n%s", out)
	}
}

// TestAlertsHaveRunbooks checks that every alert names a severity and
// carries a runbook line that points into docs/operations.md, and that the
// section it points to exists.
func TestAlertsHaveRunbooks(t *testing.T) {
	raw, err := os.ReadFile("alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	ops, err := os.ReadFile("../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	alerts := regexp.MustCompile(`(?m)^\s+- alert: (\w+)$`).FindAllStringSubmatchIndex(string(raw), -1)
	if len(alerts) < 6 {
		t.Fatalf("%d alerts in alerts.yml, want at least the six of the operations issue", len(alerts))
	}
	for i, a := range alerts {
		name := string(raw[a[2]:a[3]])
		end := len(raw)
		if i+1 < len(alerts) {
			end = alerts[i+1][0]
		}
		rule := string(raw[a[0]:end])
		if !regexp.MustCompile(`\n\s+severity: (page|ticket)\n`).MatchString(rule) {
			t.Errorf("%s: no severity page or ticket", name)
		}
		anchor := "docs/operations.md#" + strings.ToLower(name)
		if !regexp.MustCompile(`\n\s+runbook: ".+` + regexp.QuoteMeta(anchor) + `\."`).MatchString(rule) {
			t.Errorf("%s: no runbook annotation ending with %s", name, anchor)
		}
		if !strings.Contains(string(ops), "### "+name+"\n") {
			t.Errorf("docs/operations.md has no section \"### %s\"", name)
		}
	}
	for _, want := range []string{"DedupeQueueLatencyHigh", "DedupeTasksArchived", "DedupeIngest5xx",
		"DedupeReviewBacklogGrowing", "DedupeNotProcessing", "DedupeWorkerDown", "DedupeNoWorker"} {
		if !strings.Contains(string(raw), "- alert: "+want+"\n") {
			t.Errorf("alerts.yml lacks %s", want)
		}
	}
}

// TestPrometheusLoadsRules checks that prometheus.yml names the rule file.
func TestPrometheusLoadsRules(t *testing.T) {
	raw, err := os.ReadFile("prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^rule_files:\n\s+- alerts\.yml$`).Match(raw) {
		t.Error("prometheus.yml does not load alerts.yml under rule_files")
	}
}
