package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"dedupe/loadgen"
	"dedupe/store"
)

// Result is everything one run measured.
type Result struct {
	Started      time.Time        `json:"started"`
	People       int              `json:"people"`
	Profiles     int              `json:"profiles"` // people and planted duplicates
	Seed         uint64           `json:"seed"`
	Kinds        string           `json:"kinds"`
	Import       float64          `json:"import_seconds"`
	ImportPerSec float64          `json:"import_profiles_per_second"`
	Scan         float64          `json:"scan_seconds"`
	ScanReport   store.ScanReport `json:"scan_report"`
	Quality      Quality          `json:"quality"`
	Search       loadgen.Searches `json:"fuzzy_search"`
	Targets      []Target         `json:"targets"`
	Seconds      float64          `json:"seconds"`
}

// Target is one of the targets, met or not. Targets set for a
// file size other than this run's say so.
type Target struct {
	Name string `json:"name"`
	Got  string `json:"got"`
	Met  bool   `json:"met"`
}

// minKindRecall is the recall under which an error kind needs a written
// reason.
const minKindRecall = 0.8

func targets(r *Result) []Target {
	q := r.Quality
	var low []string
	for _, k := range q.Kinds {
		if k.Recall < minKindRecall {
			low = append(low, fmt.Sprintf("%s %.2f", k.Kind, k.Recall))
		}
	}
	lowGot := "none"
	if len(low) > 0 {
		lowGot = strings.Join(low, ", ")
	}
	return []Target{
		{"precision file: false pairs between people per 1,000 ≤ 1", fmt.Sprintf("%.2f", q.FalseAmongPeoplePer1000), q.FalseAmongPeoplePer1000 <= 1},
		{"precision file: typo duplicates found, recall ≥ 0.95", fmt.Sprintf("%.3f", q.TypoRecall), q.TypoRecall >= 0.95},
		{"quality: pair recall ≥ 0.95 overall", fmt.Sprintf("%.3f", q.Recall), q.Recall >= 0.95},
		{"quality: precision ≥ 0.99 overall", fmt.Sprintf("%.4f", q.Precision), q.Precision >= 0.99},
		{"quality: no kind under 0.8 recall", lowGot, len(low) == 0},
		{fmt.Sprintf("one fuzzy search p99 ≤ 50 ms (target set at 10M profiles; this file: %d)", r.Profiles), fmt.Sprintf("%.1f ms", r.Search.P99), r.Search.P99 <= 50},
		{fmt.Sprintf("scan ≤ 5 min (target set at 1M profiles; this file: %d)", r.Profiles), fmt.Sprintf("%.0f s", r.Scan), r.Scan <= 300},
	}
}

// writeTable prints the result for people to read.
func (r *Result) writeTable(w io.Writer) {
	q := r.Quality
	fmt.Fprintf(w, "fuzzy candidates on a synthetic customer file: %d people + %d planted duplicates = %d profiles (seed %d, kinds %s)\n\n",
		r.People, r.Profiles-r.People, r.Profiles, r.Seed, r.Kinds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cost\tseconds\tper second\t")
	fmt.Fprintf(tw, "import (store.ImportBatch, 1000 a batch)\t%.1f\t%.0f profiles\t\n", r.Import, r.ImportPerSec)
	fmt.Fprintf(tw, "scan (store.Scan)\t%.1f\t%.0f profiles\t\n", r.Scan, float64(r.Profiles)/max(r.Scan, 1e-9))
	fmt.Fprintf(tw, "one fuzzy search: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d)\t\t%.0f searches\t\n",
		r.Search.P50, r.Search.P99, r.Search.Max, r.Search.Count, r.Search.PerSec)
	tw.Flush()
	fmt.Fprintf(w, "\nscan: %d exact groups, %d fuzzy proposals; %d open candidates, %d of 3+ profiles\n",
		r.ScanReport.ExactGroups, r.ScanReport.Fuzzy, q.Candidates, q.Groups3)
	fmt.Fprintf(w, "pairs proposed %d: true %d, false %d (%d within a household); false per 1,000 profiles %.2f\n",
		q.Pairs, q.TruePairs, q.FalsePairs, q.FalseHousehold, q.FalsePer1000)
	fmt.Fprintf(w, "overall: precision %.4f, recall %.3f (%d of %d planted pairs)\n", q.Precision, q.Recall, q.Found, q.Planted)
	fmt.Fprintf(w, "precision file view: false pairs between people %d (%.2f per 1,000 people), typo recall %.3f\n\n",
		q.FalseAmongPeople, q.FalseAmongPeoplePer1000, q.TypoRecall)

	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "error kind\tplanted\tfound\trecall\tpairs\tprecision\t")
	for _, k := range q.Kinds {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%d\t%.3f\t\n", k.Kind, k.Planted, k.Found, k.Recall, k.Pairs, k.Precision)
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%.3f\t%d\t%.4f\t\n", q.Planted, q.Found, q.Recall, q.Pairs, q.Precision)
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tgot\tmet")
	for _, t := range r.Targets {
		met := "no"
		if t.Met {
			met = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, t.Got, met)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n(%.0f s in all)\n", r.Seconds)
}
