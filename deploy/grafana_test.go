package deploy

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// dashboard is the part of a Grafana dashboard JSON the tests read.
type dashboard struct {
	UID    string  `json:"uid"`
	Title  string  `json:"title"`
	Panels []panel `json:"panels"`
}

type panel struct {
	ID         int    `json:"id"`
	Type       string `json:"type"`
	Title      string `json:"title"`
	Datasource *struct {
		Type string `json:"type"`
		UID  string `json:"uid"`
	} `json:"datasource"`
	GridPos struct{ X, Y, W, H int } `json:"gridPos"`
	Targets []struct {
		RefID string `json:"refId"`
		Expr  string `json:"expr"`
	} `json:"targets"`
}

func readDashboard(t *testing.T) dashboard {
	t.Helper()
	raw, err := os.ReadFile("grafana/dashboards/dedupe.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("dedupe.json does not parse: %v", err)
	}
	return d
}

// TestDashboard checks the dashboard's structure: it parses, every panel
// queries the provisioned datasource, ids are unique, the grid is 24
// columns wide, and the panels the operations issue asks for are there.
// That every metric it queries exists is checked against a real scrape by
// cmd/dedupe's TestMetricsMoveWithBookings.
func TestDashboard(t *testing.T) {
	d := readDashboard(t)
	if d.UID == "" || d.Title == "" {
		t.Errorf("dashboard uid %q title %q", d.UID, d.Title)
	}
	dsUID := provisionedDatasourceUID(t)
	ids := map[int]bool{}
	var titles []string
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d used twice", p.ID)
		}
		ids[p.ID] = true
		if p.GridPos.X < 0 || p.GridPos.W <= 0 || p.GridPos.X+p.GridPos.W > 24 || p.GridPos.H <= 0 {
			t.Errorf("panel %q: gridPos %+v outside the 24-column grid", p.Title, p.GridPos)
		}
		if p.Type == "row" {
			continue
		}
		titles = append(titles, strings.ToLower(p.Title))
		if p.Datasource == nil || p.Datasource.UID != dsUID || p.Datasource.Type != "prometheus" {
			t.Errorf("panel %q: datasource %+v, want the provisioned prometheus uid %q", p.Title, p.Datasource, dsUID)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		refs := map[string]bool{}
		for _, tg := range p.Targets {
			if strings.TrimSpace(tg.Expr) == "" || refs[tg.RefID] {
				t.Errorf("panel %q: empty query or repeated refId %q", p.Title, tg.RefID)
			}
			refs[tg.RefID] = true
			if strings.Count(tg.Expr, "(") != strings.Count(tg.Expr, ")") || strings.Count(tg.Expr, "{") != strings.Count(tg.Expr, "}") {
				t.Errorf("panel %q: unbalanced query %q", p.Title, tg.Expr)
			}
		}
	}
	all := strings.Join(titles, "\n")
	for _, want := range []string{"throughput by decision", "end-to-end latency", "queue size", "queue latency",
		"failures and archives", "review backlog", "database pool", "cpu", "memory"} {
		if !strings.Contains(all, want) {
			t.Errorf("no panel titled like %q; have:\n%s", want, all)
		}
	}
}

func provisionedDatasourceUID(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("grafana/provisioning/datasources/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s+uid: (\S+)$`).FindSubmatch(raw)
	if m == nil {
		t.Fatal("the provisioned datasource has no uid")
	}
	if !strings.Contains(string(raw), "url: http://prometheus:9090") {
		t.Error("the provisioned datasource does not point at the compose prometheus service")
	}
	return string(m[1])
}

// TestGrafanaProvisioning checks that compose mounts the provisioning
// folder where Grafana reads it and the dashboards where the provider
// looks for them.
func TestGrafanaProvisioning(t *testing.T) {
	raw, err := os.ReadFile("grafana/provisioning/dashboards/dedupe.yml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s+path: (\S+)$`).FindSubmatch(raw)
	if m == nil {
		t.Fatal("the dashboard provider has no options.path")
	}
	dashPath := string(m[1])

	services, _ := parseBlock(composeConfig(t)).child("services")
	grafana, _ := services.child("grafana")
	vols := grafana.list("volumes")
	mounted := func(src, dst string) bool {
		for _, v := range vols {
			parts := strings.Split(v, ":")
			if len(parts) >= 2 && strings.HasSuffix(parts[0], src) && parts[1] == dst {
				return true
			}
		}
		return false
	}
	if !mounted("/deploy/grafana/provisioning", "/etc/grafana/provisioning") {
		t.Errorf("grafana volumes %q do not mount deploy/grafana/provisioning at /etc/grafana/provisioning", vols)
	}
	if !mounted("/deploy/grafana/dashboards", dashPath) {
		t.Errorf("grafana volumes %q do not mount deploy/grafana/dashboards at the provider's path %s", vols, dashPath)
	}
	prom, _ := services.child("prometheus")
	found := false
	for _, v := range prom.list("volumes") {
		found = found || strings.Contains(v, "/deploy:/etc/prometheus/dedupe")
	}
	if !found {
		t.Errorf("prometheus volumes %q do not mount deploy/ (prometheus.yml with alerts.yml)", prom.list("volumes"))
	}
	for _, name := range []string{"api", "worker"} {
		svc, _ := services.child(name)
		if g := svc.value("stop_grace_period"); g == "" || g == "10s" {
			t.Errorf("%s stop_grace_period = %q: Docker's 10 s default kills tasks the worker is given 25 s to finish", name, g)
		}
	}
}
