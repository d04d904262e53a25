package loadgen

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Report is what a run measured. Times are in milliseconds, rates per
// second.
type Report struct {
	RunID   string   `json:"run_id"`
	Mode    string   `json:"mode"`
	Seed    uint64   `json:"seed"`
	Tenants []Tenant `json:"tenants"`
	// OfferedRate is the rate asked for; 0 is as fast as possible.
	OfferedRate float64 `json:"offered_rate"`
	// MaxQueue is Config.MaxQueue: the sending held back while more tasks
	// than this waited; 0 is no limit.
	MaxQueue    int `json:"max_queue"`
	Concurrency int `json:"concurrency"`

	Sent     int `json:"sent"`
	Bookings int `json:"bookings"`
	Sales    int `json:"sales"`
	Accepted int `json:"accepted"`
	// Errors counts the requests finally refused, by HTTP status or
	// "error"; Retries the attempts retried before.
	Errors  map[string]int `json:"errors"`
	Retries int            `json:"retries"`
	// FirstError is why the first request refused for good was: a
	// connection refused, a 400's message.
	FirstError string `json:"first_error,omitempty"`
	// SendSeconds runs from the first request to the end of the last one.
	SendSeconds    float64 `json:"send_seconds"`
	AcceptedPerSec float64 `json:"accepted_per_sec"`
	// SendLatency is the request's round trip as loadgen saw it (in
	// ModeStore, the whole transaction).
	SendLatency Latency `json:"send_latency_ms"`

	// Processed counts the accepted requests whose ingestion was recorded;
	// Missing those still without one when the wait for the drain ended.
	Processed int  `json:"processed"`
	Missing   int  `json:"missing"`
	Drained   bool `json:"drained"`
	// ProcessSeconds runs from the first acceptance to the last commit.
	ProcessSeconds  float64 `json:"process_seconds"`
	ProcessedPerSec float64 `json:"processed_per_sec"`
	// EndToEnd is from the API accepting a request to its transaction
	// committing; EndToEndClock says which clock ended it: "commit"
	// (PostgreSQL's commit timestamp, track_commit_timestamp on: all but
	// the WAL flush after the commit record), "transaction_start"
	// (processed_at, taken when the transaction began: it misses the
	// transaction itself) or, in ModeStore, "caller" (the call to
	// store.Ingest, flush included).
	EndToEnd      Latency `json:"end_to_end_ms"`
	EndToEndClock string  `json:"end_to_end_clock"`
	// SlowestSeconds are the five seconds of acceptance whose end-to-end
	// latencies reached highest, slowest first: a tail made by a few
	// stalls shows here, with the wall-clock second to find them by in
	// the servers' logs.
	SlowestSeconds []Second `json:"slowest_seconds,omitempty"`
	// Seconds are every second of acceptance, in order, for a program
	// that sets them beside what the machine did in each (benchrun's
	// soak-cpu.tsv); the JSON keeps only the slowest.
	Seconds []Second `json:"-"`
	// Timed are every booking's acceptance and latency, in the order
	// processed, for such a program to sum apart the bookings of the
	// seconds it knows were disturbed (EndToEndExcept); the JSON keeps
	// none.
	Timed []Timed `json:"-"`

	// Decisions counts created, updated, duplicate and failed.
	Decisions map[string]int `json:"decisions"`
	// WithReview counts the ingestions that opened or fed a review
	// candidate.
	WithReview int `json:"with_review"`

	Quality Quality `json:"quality"`
	Reviews Reviews `json:"reviews"`
	// FuzzyPending is how many fuzzy searches still waited at the end.
	FuzzyPending int  `json:"fuzzy_pending"`
	CleanedUp    bool `json:"cleaned_up"`

	missing []string // ingestion ids without a row, for cleanup
}

// Timed is one booking's second of acceptance (Unix time) and end-to-end
// latency. It holds no pointer, so the collector of a load generator that
// keeps a soak's worth does not mark them (section 27 of
// docs/performance.md).
type Timed struct {
	Second  int64
	Latency time.Duration
}

// EndToEndExcept is EndToEnd over the bookings accepted in the seconds
// skip does not name (skip takes a second's Unix time): the latency of the
// bookings outside seconds a program knows were disturbed.
func (r *Report) EndToEndExcept(skip func(second int64) bool) Latency {
	var kept []time.Duration
	for _, b := range r.Timed {
		if !skip(b.Second) {
			kept = append(kept, b.Latency)
		}
	}
	return LatencyOf(kept)
}

// Latency summarises durations, in milliseconds.
type Latency struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50"`
	P90   float64 `json:"p90"`
	P99   float64 `json:"p99"`
	Max   float64 `json:"max"`
}

// Second is the end-to-end latency of the requests accepted in one
// wall-clock second.
type Second struct {
	At time.Time `json:"at"`
	Latency
}

// perSecond groups latencies by the second of their acceptance, in order
// of time.
func perSecond(at []time.Time, ds []time.Duration) []Second {
	bySecond := map[time.Time][]time.Duration{}
	for i, t := range at {
		s := t.Truncate(time.Second)
		bySecond[s] = append(bySecond[s], ds[i])
	}
	var out []Second
	for s, ds := range bySecond {
		out = append(out, Second{At: s.UTC(), Latency: LatencyOf(ds)})
	}
	slices.SortFunc(out, func(a, b Second) int { return a.At.Compare(b.At) })
	return out
}

// slowest returns the n seconds with the highest maximum, slowest first.
func slowest(secs []Second, n int) []Second {
	out := slices.Clone(secs)
	slices.SortStableFunc(out, func(a, b Second) int { return cmp.Compare(b.Max, a.Max) })
	return out[:min(n, len(out))]
}

// LatencyOf sums durations (sorting ds): their count, their nearest-rank
// percentiles and their maximum, in milliseconds.
func LatencyOf(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	slices.Sort(ds)
	at := func(q float64) float64 {
		i := int(q*float64(len(ds))+0.5) - 1
		return ms(ds[min(max(i, 0), len(ds)-1)])
	}
	return Latency{Count: len(ds), P50: at(0.50), P90: at(0.90), P99: at(0.99), Max: ms(ds[len(ds)-1])}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Quality is the dedupe measured against the population's truth, over the
// processed bookings: a pair of bookings is "together" when they ended on
// one profile (following merges) and "of one person" when one person made
// both.
type Quality struct {
	// People and Profiles count the distinct people who booked and the
	// profiles their bookings ended on.
	People   int `json:"people"`
	Profiles int `json:"profiles"`
	// Precision: of the pairs together, the share of one person. Recall:
	// of the pairs of one person, the share together. 1 when there is no
	// pair to count.
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	// SamePersonPairs and TogetherPairs are the denominators.
	SamePersonPairs int64 `json:"same_person_pairs"`
	TogetherPairs   int64 `json:"together_pairs"`
	// WronglyMerged counts the profiles holding bookings of more than one
	// person, and WronglyMergedPeople those people.
	WronglyMerged       int `json:"wrongly_merged_profiles"`
	WronglyMergedPeople int `json:"wrongly_merged_people"`
	// SplitPeople counts the people whose bookings ended on more than one
	// profile (each such split should have a review candidate).
	SplitPeople int `json:"split_people"`
}

// Reviews are the review candidates opened in the run's tenants while it
// ran, by whether their profiles are one person (a split the reviewer
// should merge), several people (kept apart, e.g. a family email), or
// include a profile the run did not make (a pre-filled one).
type Reviews struct {
	Opened          int            `json:"opened"`
	SamePerson      int            `json:"same_person"`
	DifferentPeople int            `json:"different_people"`
	Unknown         int            `json:"unknown"`
	ByReason        map[string]int `json:"by_reason"`
}

// personKey is one person at one tenant: the same person at two tenants is
// two customers that must never meet.
type personKey struct{ tenant, person int }

// outcome is an ingestion as recorded.
type outcome struct {
	status, decision string
	profile          string
	review           bool
	accepted         *time.Time
	processed        time.Time
	committed        *time.Time
}

// report reads the outcome of every accepted request back and measures.
func (r *runner) report(ctx context.Context, results []result, started, sendEnd time.Time) (*Report, error) {
	rep := &Report{RunID: r.runID, Mode: r.cfg.Mode, Seed: r.cfg.Seed, Tenants: r.tenants, OfferedRate: r.cfg.Rate, MaxQueue: r.cfg.MaxQueue,
		Concurrency: r.cfg.Concurrency, Errors: map[string]int{}, Retries: int(r.retries.Load()),
		Decisions: map[string]int{"created": 0, "updated": 0, "duplicate": 0, "failed": 0}}
	rep.countSent(results, sendEnd.Sub(started))
	if why := r.firstError.Load(); why != nil {
		rep.FirstError = *why
	}

	outcomes, clock, err := r.readOutcomes(ctx, results)
	if err != nil {
		return nil, err
	}
	rep.EndToEndClock = clock
	t := r.tally(rep, results, outcomes)
	rep.Seconds = perSecond(t.e2eAt, t.e2e)
	rep.SlowestSeconds = slowest(rep.Seconds, 5)
	rep.Timed = make([]Timed, len(t.e2e))
	for i := range t.e2e {
		rep.Timed[i] = Timed{Second: t.e2eAt[i].Unix(), Latency: t.e2e[i]}
	}
	rep.EndToEnd = LatencyOf(t.e2e) // sorts t.e2e
	if r.cfg.Mode == ModeStore {
		rep.EndToEndClock = "caller"
	}
	if !t.first.IsZero() && t.last.After(t.first) {
		rep.ProcessSeconds = t.last.Sub(t.first).Seconds()
		rep.ProcessedPerSec = float64(rep.Processed) / rep.ProcessSeconds
	}
	rep.Quality = quality(t.profileOf, t.peopleOf)
	rep.Reviews, err = r.reviews(ctx, started, t.peopleOf)
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// countSent counts the requests sent, by kind, and those the service
// accepted, with how long sending them took.
func (rep *Report) countSent(results []result, sending time.Duration) {
	rep.Sent = len(results)
	rep.SendSeconds = sending.Seconds()
	var sendTimes []time.Duration
	for _, res := range results {
		if res.kind == "sale" {
			rep.Sales++
		} else {
			rep.Bookings++
		}
		if !res.ok {
			rep.Errors[res.code]++
			continue
		}
		rep.Accepted++
		sendTimes = append(sendTimes, res.sendTime)
	}
	rep.SendLatency = LatencyOf(sendTimes)
	if rep.SendSeconds > 0 {
		rep.AcceptedPerSec = float64(rep.Accepted) / rep.SendSeconds
	}
}

// tallied is what the outcomes of a run's accepted requests add up to.
type tallied struct {
	e2e         []time.Duration
	e2eAt       []time.Time                  // each e2e sample's acceptance
	first, last time.Time                    // the first acceptance, the last commit
	profileOf   map[personKey]map[string]int // person → profile → bookings
	peopleOf    map[string]map[personKey]int // profile → person → bookings
}

// tally counts each accepted request's outcome into rep (processed,
// missing, decisions, reviews) and gathers its latency and which person's
// booking landed on which profile.
func (r *runner) tally(rep *Report, results []result, outcomes map[string]outcome) *tallied {
	t := &tallied{profileOf: map[personKey]map[string]int{}, peopleOf: map[string]map[personKey]int{}}
	for _, res := range results {
		if !res.ok {
			continue
		}
		o, ok := outcomes[res.id]
		if !ok {
			rep.Missing++
			rep.missing = append(rep.missing, res.id)
			continue
		}
		rep.Processed++
		if o.status != "done" {
			rep.Decisions["failed"]++
			continue
		}
		rep.Decisions[o.decision]++
		if o.review {
			rep.WithReview++
		}
		end := o.processed
		if o.committed != nil {
			end = *o.committed
		}
		switch {
		case r.cfg.Mode == ModeStore && o.accepted != nil:
			// Accepted at the call: the call's duration is the latency,
			// commit and WAL flush included.
			t.e2e, t.e2eAt = append(t.e2e, res.sendTime), append(t.e2eAt, *o.accepted)
			end = o.accepted.Add(res.sendTime)
		case o.accepted != nil:
			t.e2e, t.e2eAt = append(t.e2e, end.Sub(*o.accepted)), append(t.e2eAt, *o.accepted)
		}
		if o.accepted != nil && (t.first.IsZero() || o.accepted.Before(t.first)) {
			t.first = *o.accepted
		}
		if end.After(t.last) {
			t.last = end
		}
		if o.profile != "" {
			t.landed(personKey{res.tenant, res.person}, o.profile)
		}
	}
	return t
}

// landed counts one booking of person pk on profile.
func (t *tallied) landed(pk personKey, profile string) {
	if t.profileOf[pk] == nil {
		t.profileOf[pk] = map[string]int{}
	}
	t.profileOf[pk][profile]++
	if t.peopleOf[profile] == nil {
		t.peopleOf[profile] = map[personKey]int{}
	}
	t.peopleOf[profile][pk]++
}

// quality measures the pairwise precision and recall of the grouping of
// bookings into profiles against the grouping into people.
func quality(profileOf map[personKey]map[string]int, peopleOf map[string]map[personKey]int) Quality {
	pairs := func(n int) int64 { return int64(n) * int64(n-1) / 2 }
	q := Quality{People: len(profileOf), Profiles: len(peopleOf), Precision: 1, Recall: 1}
	var both int64
	for _, profiles := range profileOf {
		n := 0
		for _, c := range profiles {
			n += c
			both += pairs(c)
		}
		q.SamePersonPairs += pairs(n)
		if len(profiles) > 1 {
			q.SplitPeople++
		}
	}
	for _, people := range peopleOf {
		n := 0
		for _, c := range people {
			n += c
		}
		q.TogetherPairs += pairs(n)
		if len(people) > 1 {
			q.WronglyMerged++
			q.WronglyMergedPeople += len(people)
		}
	}
	if q.TogetherPairs > 0 {
		q.Precision = float64(both) / float64(q.TogetherPairs)
	}
	if q.SamePersonPairs > 0 {
		q.Recall = float64(both) / float64(q.SamePersonPairs)
	}
	return q
}

// readOutcomes reads the ingestions of the accepted requests, with each
// profile followed through merges to its survivor. It says which clock
// ends the end-to-end latency.
func (r *runner) readOutcomes(ctx context.Context, results []result) (map[string]outcome, string, error) {
	var track string
	if err := r.db.QueryRow(ctx, `SELECT current_setting('track_commit_timestamp')`).Scan(&track); err != nil {
		return nil, "", fmt.Errorf("read settings: %w", err)
	}
	clock, commitExpr := "transaction_start", "NULL::timestamptz"
	if track == "on" {
		// The commit record's time: the transaction is whole, only the
		// WAL flush that follows it is missing.
		clock, commitExpr = "commit", "pg_xact_commit_timestamp(xmin)"
	}
	out := map[string]outcome{}
	for ti, t := range r.tenants {
		var ids []string
		for _, res := range results {
			if res.ok && res.tenant == ti {
				ids = append(ids, res.id)
			}
		}
		merged := map[string]string{}
		for chunk := range slices.Chunk(ids, 5000) {
			rows, err := r.db.Query(ctx, `SELECT id::text, status, coalesce(decision, ''), coalesce(profile_id::text, ''),
				review_id IS NOT NULL, accepted_at, processed_at, `+commitExpr+`
				FROM ingestions WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, t.ID, chunk)
			if err != nil {
				return nil, "", fmt.Errorf("read ingestions: %w", err)
			}
			for rows.Next() {
				var id string
				var o outcome
				if err := rows.Scan(&id, &o.status, &o.decision, &o.profile, &o.review, &o.accepted, &o.processed, &o.committed); err != nil {
					rows.Close()
					return nil, "", fmt.Errorf("read ingestions: %w", err)
				}
				out[id] = o
			}
			if err := rows.Err(); err != nil {
				return nil, "", fmt.Errorf("read ingestions: %w", err)
			}
		}
		// Follow merges: a reviewer may have merged profiles meanwhile.
		var profiles []string
		for _, id := range ids {
			if o, ok := out[id]; ok && o.profile != "" {
				profiles = append(profiles, o.profile)
			}
		}
		if err := r.mergedInto(ctx, t.ID, profiles, merged); err != nil {
			return nil, "", err
		}
		for _, id := range ids {
			o, ok := out[id]
			if !ok {
				continue
			}
			for range 100 { // a chain of merges, never a loop
				next, ok := merged[o.profile]
				if !ok {
					break
				}
				o.profile = next
			}
			out[id] = o
		}
	}
	return out, clock, nil
}

// mergedInto fills merged with profile → survivor for the merged ones
// among profiles and, in turn, their survivors.
func (r *runner) mergedInto(ctx context.Context, tenantID string, profiles []string, merged map[string]string) error {
	slices.Sort(profiles)
	profiles = slices.Compact(profiles)
	for len(profiles) > 0 {
		var next []string
		for chunk := range slices.Chunk(profiles, 5000) {
			rows, _ := r.db.Query(ctx, `SELECT id::text, merged_into::text FROM profiles
				WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND merged_into IS NOT NULL`, tenantID, chunk)
			var id, into string
			if _, err := pgx.ForEachRow(rows, []any{&id, &into}, func() error {
				if _, seen := merged[id]; !seen {
					merged[id] = into
					next = append(next, into)
				}
				return nil
			}); err != nil {
				return fmt.Errorf("read merges: %w", err)
			}
		}
		profiles = next
	}
	return nil
}

// reviews classifies the review candidates opened in the run's tenants
// since it started.
func (r *runner) reviews(ctx context.Context, since time.Time, peopleOf map[string]map[personKey]int) (Reviews, error) {
	rv := Reviews{ByReason: map[string]int{}}
	for _, t := range r.tenants {
		rows, _ := r.db.Query(ctx, `SELECT reason, profile_ids::text[] FROM review_candidates
			WHERE tenant_id = $1 AND created_at >= $2`, t.ID, since)
		type candidate struct {
			Reason   string
			Profiles []string
		}
		candidates, err := pgx.CollectRows(rows, pgx.RowToStructByPos[candidate])
		if err != nil {
			return Reviews{}, fmt.Errorf("read review candidates: %w", err)
		}
		merged := map[string]string{}
		var all []string
		for _, c := range candidates {
			all = append(all, c.Profiles...)
		}
		if err := r.mergedInto(ctx, t.ID, all, merged); err != nil {
			return Reviews{}, err
		}
		for _, c := range candidates {
			rv.Opened++
			// A fuzzy reason may carry figures ("… name (0.83) and email
			// (0.71)"): count by the words before them.
			kind, _, _ := strings.Cut(c.Reason, " (")
			rv.ByReason[kind]++
			people := map[personKey]bool{}
			unknown := false
			for _, id := range c.Profiles {
				for range 100 {
					next, ok := merged[id]
					if !ok {
						break
					}
					id = next
				}
				if len(peopleOf[id]) == 0 {
					unknown = true
				}
				for pk := range peopleOf[id] {
					people[pk] = true
				}
			}
			switch {
			case unknown:
				rv.Unknown++
			case len(people) == 1:
				rv.SamePerson++
			default:
				rv.DifferentPeople++
			}
		}
	}
	return rv, nil
}

// WriteText writes the report for people.
func (rep *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	slugs := make([]string, len(rep.Tenants))
	for i, t := range rep.Tenants {
		slugs[i] = t.Slug
	}
	rate := "as fast as possible"
	if rep.OfferedRate > 0 {
		rate = fmt.Sprintf("%.0f/s offered", rep.OfferedRate)
	}
	if rep.MaxQueue > 0 {
		rate += fmt.Sprintf(" while at most %d tasks wait", rep.MaxQueue)
	}
	fmt.Fprintf(&b, "run %s: mode %s, seed %d, %s, concurrency %d, tenants %s\n", rep.RunID, rep.Mode, rep.Seed, rate,
		rep.Concurrency, strings.Join(slugs, " "))
	fmt.Fprintf(&b, "sent        %d (%d bookings, %d sales) in %.2f s\n", rep.Sent, rep.Bookings, rep.Sales, rep.SendSeconds)
	fmt.Fprintf(&b, "accepted    %d: %.1f/s; errors %s; retries %d\n", rep.Accepted, rep.AcceptedPerSec, errorText(rep.Errors), rep.Retries)
	if rep.FirstError != "" {
		fmt.Fprintf(&b, "            the first refused: %s\n", rep.FirstError)
	}
	fmt.Fprintf(&b, "            request round trip %s\n", rep.SendLatency)
	drained := "drained"
	if !rep.Drained {
		drained = "NOT drained: the wait ended first"
	}
	fmt.Fprintf(&b, "processed   %d in %.2f s (first accept to last commit): %.1f/s; missing %d; %s\n",
		rep.Processed, rep.ProcessSeconds, rep.ProcessedPerSec, rep.Missing, drained)
	fmt.Fprintf(&b, "latency     accept→commit %s (clock: %s)\n", rep.EndToEnd, rep.EndToEndClock)
	if len(rep.SlowestSeconds) > 0 {
		var worst []string
		for _, s := range rep.SlowestSeconds {
			worst = append(worst, fmt.Sprintf("%s max %.1f ms (%d)", s.At.Format("15:04:05"), s.Max, s.Count))
		}
		fmt.Fprintf(&b, "            slowest seconds (UTC, accepted): %s\n", strings.Join(worst, ", "))
	}
	fmt.Fprintf(&b, "decisions   created %d, updated %d, duplicate %d, failed %d; %d opened or fed a review candidate\n",
		rep.Decisions["created"], rep.Decisions["updated"], rep.Decisions["duplicate"], rep.Decisions["failed"], rep.WithReview)
	q := rep.Quality
	fmt.Fprintf(&b, "quality     precision %.4f (%d pairs together), recall %.4f (%d pairs of one person)\n",
		q.Precision, q.TogetherPairs, q.Recall, q.SamePersonPairs)
	fmt.Fprintf(&b, "            %d people on %d profiles; %d wrongly merged profiles (%d people); %d people split\n",
		q.People, q.Profiles, q.WronglyMerged, q.WronglyMergedPeople, q.SplitPeople)
	rv := rep.Reviews
	fmt.Fprintf(&b, "reviews     %d opened: %d of one person split, %d of different people, %d with a profile from elsewhere\n",
		rv.Opened, rv.SamePerson, rv.DifferentPeople, rv.Unknown)
	for _, reason := range slices.Sorted(maps.Keys(rv.ByReason)) {
		fmt.Fprintf(&b, "            %5d %s\n", rv.ByReason[reason], reason)
	}
	if rep.FuzzyPending > 0 {
		fmt.Fprintf(&b, "fuzzy       %d searches still queued: review counts are partial\n", rep.FuzzyPending)
	}
	if rep.CleanedUp {
		fmt.Fprintf(&b, "cleanup     deleted the run's tenants and all their rows\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (l Latency) String() string {
	if l.Count == 0 {
		return "(none)"
	}
	return fmt.Sprintf("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", l.P50, l.P90, l.P99, l.Max, l.Count)
}

func errorText(errs map[string]int) string {
	if len(errs) == 0 {
		return "none"
	}
	var parts []string
	for _, code := range slices.SortedFunc(maps.Keys(errs), func(a, b string) int { return cmp.Compare(a, b) }) {
		parts = append(parts, fmt.Sprintf("%s×%d", code, errs[code]))
	}
	return strings.Join(parts, ", ")
}
