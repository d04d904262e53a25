//go:build chaos

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"dedupe/loadgen"
)

// truth is what the load sent, as loadgen's OnSent told it: who made each
// request, and who each profile created at the front desk is for.
type truth struct {
	mu       sync.Mutex
	sent     map[string]loadgen.Sent // external_id → the request and its fate
	accepted []string                // external ids answered 202, in order
	byPerson map[int][]string        // person → their accepted external ids
	desk     map[string]int          // profile id created by the desk → person
}

func newTruth() *truth {
	return &truth{sent: map[string]loadgen.Sent{}, byPerson: map[int][]string{}, desk: map[string]int{}}
}

// record is loadgen's OnSent.
func (tr *truth) record(s loadgen.Sent) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.sent[s.ExternalID] = s
	if s.Accepted {
		tr.accepted = append(tr.accepted, s.ExternalID)
		tr.byPerson[s.Person] = append(tr.byPerson[s.Person], s.ExternalID)
	}
}

// personOf returns who made the request external, if it was sent.
func (tr *truth) personOf(external string) (int, bool) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	s, ok := tr.sent[external]
	return s.Person, ok
}

// deskProfiles returns a copy of the desk's profiles and their people.
func (tr *truth) deskProfiles() map[string]int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return maps.Clone(tr.desk)
}

// desk is the front desk and the reviewer working beside the load through
// the HTTP API: it creates a duplicate of a customer who booked and merges
// it with their profiles, merges the review candidates whose profiles are
// one person and ignores those of several, and undoes merges. It merges
// only what the truth says is one person, so nobody may end up wrongly
// merged.
type desk struct {
	base, token, tenantID string
	db                    *pgxpool.Pool
	truth                 *truth
	rng                   *rand.Rand
	client                *http.Client
	logf                  func(format string, args ...any)

	mu       sync.Mutex
	outcome  map[string]int // "action code" → how many, e.g. "merge 201", "undo 409"
	merges   []string       // merge ids not yet undone or refused
	unmerged []int          // people with a desk duplicate whose merge failed: tried again
}

// run works until ctx ends, one action about every 300 ms.
func (d *desk) run(ctx context.Context) {
	for ctx.Err() == nil {
		d.mu.Lock()
		var retry []int
		retry, d.unmerged = d.unmerged, nil
		d.mu.Unlock()
		for _, person := range retry {
			d.mergePerson(ctx, person)
		}
		switch r := d.rng.Float64(); {
		case r < 0.50:
			d.duplicateAndMerge(ctx)
		case r < 0.80:
			d.review(ctx)
		default:
			d.undo(ctx, d.rng.IntN(2) == 0)
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(150+d.rng.IntN(300)) * time.Millisecond):
		}
	}
}

// count records the answer to one action: its HTTP status, or "error"
// when none came (the action may or may not have happened).
func (d *desk) count(action string, code int, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	key := fmt.Sprintf("%s %d", action, code)
	if err != nil {
		key = action + " error"
	}
	d.outcome[key]++
}

// outcomes returns how many of action got each answer.
func (d *desk) outcomes(action string) map[string]int {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := map[string]int{}
	for k, n := range d.outcome {
		if a, code, _ := strings.Cut(k, " "); a == action {
			out[code] += n
		}
	}
	return out
}

// duplicateAndMerge creates a profile at the front desk for a customer
// who booked (POST /v1/profiles never merges, so the customer now has two
// profiles), then merges every active profile of that person.
func (d *desk) duplicateAndMerge(ctx context.Context) {
	d.truth.mu.Lock()
	if len(d.truth.accepted) == 0 {
		d.truth.mu.Unlock()
		return
	}
	s := d.truth.sent[d.truth.accepted[d.rng.IntN(len(d.truth.accepted))]]
	d.truth.mu.Unlock()
	var created struct {
		Profile struct{ ID string } `json:"profile"`
	}
	code, err := d.call(ctx, "POST", "/v1/profiles", s.Customer, &created)
	d.count("create", code, err)
	if code != http.StatusCreated {
		return
	}
	d.truth.mu.Lock()
	d.truth.desk[created.Profile.ID] = s.Person
	d.truth.mu.Unlock()
	d.mergePerson(ctx, s.Person)
}

// mergePerson merges every active profile of person (POST /v1/merges), the
// survivor drawn at random or left to the default. One merge in four is
// undone at once. A merge that fails for a fault is tried again later: the
// desk does not leave a duplicate it made behind.
func (d *desk) mergePerson(ctx context.Context, person int) {
	ids, err := d.profilesOf(ctx, person)
	if err != nil {
		d.mu.Lock()
		d.unmerged = append(d.unmerged, person)
		d.mu.Unlock()
		return
	}
	if len(ids) < 2 {
		return
	}
	body := map[string]any{"merged_ids": ids}
	if d.rng.IntN(2) == 0 {
		survivor := ids[d.rng.IntN(len(ids))]
		body = map[string]any{"survivor_id": survivor, "merged_ids": slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return id == survivor })}
	}
	var merged struct {
		MergeID string `json:"merge_id"`
	}
	code, err := d.call(ctx, "POST", "/v1/merges", body, &merged)
	d.count("merge", code, err)
	if code >= 500 || err != nil {
		d.mu.Lock()
		d.unmerged = append(d.unmerged, person)
		d.mu.Unlock()
	}
	if code != http.StatusCreated {
		return
	}
	d.mu.Lock()
	d.merges = append(d.merges, merged.MergeID)
	d.mu.Unlock()
	if d.rng.IntN(4) == 0 {
		d.undo(ctx, true)
	}
}

// profilesOf returns the active profiles holding person's bookings and
// the desk's profiles for them, or none unless each holds that person
// alone.
func (d *desk) profilesOf(ctx context.Context, person int) ([]string, error) {
	d.truth.mu.Lock()
	externals := slices.Clone(d.truth.byPerson[person])
	var deskIDs []string
	for id, p := range d.truth.desk {
		if p == person {
			deskIDs = append(deskIDs, id)
		}
	}
	d.truth.mu.Unlock()
	var ids []string
	err := d.db.QueryRow(ctx, `WITH RECURSIVE start AS (
			SELECT profile_id FROM activities WHERE tenant_id = $1 AND external_id = ANY($2)
			UNION SELECT unnest($3::uuid[])),
		chain AS (
			SELECT p.id, p.status, p.merged_into, 0 AS depth FROM profiles p JOIN start s ON p.id = s.profile_id WHERE p.tenant_id = $1
			UNION ALL
			SELECT p.id, p.status, p.merged_into, c.depth + 1 FROM chain c JOIN profiles p ON p.tenant_id = $1 AND p.id = c.merged_into
			WHERE c.depth < 100)
		SELECT coalesce(array_agg(DISTINCT id::text), '{}') FROM chain WHERE status = 'active'`,
		d.tenantID, externals, deskIDs).Scan(&ids)
	if err != nil {
		return nil, err
	}
	people, err := d.peopleOn(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if len(people[id]) != 1 || !people[id][person] {
			return nil, nil // a profile of several people: never merge it
		}
	}
	return ids, nil
}

// peopleOn returns, for each of the profiles ids, the people whose
// requests sit on it and for whom the desk created it or a profile merged
// into it. A request loadgen did not send counts as person -1.
func (d *desk) peopleOn(ctx context.Context, ids []string) (map[string]map[int]bool, error) {
	out := map[string]map[int]bool{}
	add := func(id string, person int) {
		if out[id] == nil {
			out[id] = map[int]bool{}
		}
		out[id][person] = true
	}
	rows, err := d.db.Query(ctx, `SELECT profile_id::text, external_id FROM activities WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])`, d.tenantID, ids)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, external string
		if err := rows.Scan(&id, &external); err != nil {
			return nil, err
		}
		person, ok := d.truth.personOf(external)
		if !ok {
			person = -1
		}
		add(id, person)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	deskIDs := d.truth.deskProfiles()
	rows, err = d.db.Query(ctx, `SELECT id::text, coalesce(merged_into::text, id::text) FROM profiles WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
		d.tenantID, slices.Collect(maps.Keys(deskIDs)))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, resolved string
		if err := rows.Scan(&id, &resolved); err != nil {
			return nil, err
		}
		if slices.Contains(ids, resolved) {
			add(resolved, deskIDs[id])
		}
	}
	return out, rows.Err()
}

// review takes one open candidate: it merges it when its profiles are one
// person, ignores it when they are several, and leaves it otherwise (a
// profile already merged, or not yet known).
func (d *desk) review(ctx context.Context) {
	var list struct {
		Reviews []struct {
			ID         string   `json:"id"`
			ProfileIDs []string `json:"profile_ids"`
		} `json:"reviews"`
	}
	if code, err := d.call(ctx, "GET", "/v1/reviews?status=open&limit=50", nil, &list); err != nil || code != http.StatusOK || len(list.Reviews) == 0 {
		return
	}
	rv := list.Reviews[d.rng.IntN(len(list.Reviews))]
	people, err := d.peopleOn(ctx, rv.ProfileIDs)
	if err != nil {
		return
	}
	all := map[int]bool{}
	for _, id := range rv.ProfileIDs {
		if len(people[id]) == 0 {
			return // merged meanwhile, or no request of it processed yet
		}
		maps.Copy(all, people[id])
	}
	if all[-1] {
		return
	}
	if len(all) > 1 {
		code, err := d.call(ctx, "POST", "/v1/reviews/"+rv.ID+"/ignore", nil, nil)
		d.count("review-ignore", code, err)
		return
	}
	var merged struct {
		MergeID string `json:"merge_id"`
	}
	code, err := d.call(ctx, "POST", "/v1/reviews/"+rv.ID+"/merge", nil, &merged)
	d.count("review-merge", code, err)
	if code == http.StatusOK {
		d.mu.Lock()
		d.merges = append(d.merges, merged.MergeID)
		d.mu.Unlock()
	}
}

// undo undoes the latest merge, or one drawn at random. A merge answered
// (200 undone, 409 refused) is not tried again.
func (d *desk) undo(ctx context.Context, latest bool) {
	d.mu.Lock()
	if len(d.merges) == 0 {
		d.mu.Unlock()
		return
	}
	i := len(d.merges) - 1
	if !latest {
		i = d.rng.IntN(len(d.merges))
	}
	id := d.merges[i]
	d.mu.Unlock()
	code, err := d.call(ctx, "POST", "/v1/merges/"+id+"/undo", nil, nil)
	d.count("undo", code, err)
	if code == http.StatusOK || code == http.StatusConflict {
		d.mu.Lock()
		d.merges = slices.DeleteFunc(d.merges, func(m string) bool { return m == id })
		d.mu.Unlock()
	}
}

// call sends one request with the desk's token and decodes a 2xx answer
// into out (when not nil). A 5xx is what a fault looks like; anything
// else unexpected is logged by status and code only (no personal data).
func (d *desk) call(ctx context.Context, method, path string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.base+path, r)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+d.token)
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 == 2 {
		if out != nil {
			if err := json.Unmarshal(data, out); err != nil {
				return resp.StatusCode, fmt.Errorf("%s %s: %w", method, path, err)
			}
		}
		return resp.StatusCode, nil
	}
	if resp.StatusCode != http.StatusConflict && resp.StatusCode < 500 {
		var e apiError
		_ = json.Unmarshal(data, &e) // an answer that is no error body logs empty code and field
		d.logf("desk: %s %s answered %d %s (field %q)", method, strings.Split(path, "/")[2], resp.StatusCode, e.Error.Code, e.Error.Field)
	}
	return resp.StatusCode, nil
}
