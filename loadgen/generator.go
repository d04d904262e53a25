package loadgen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

// booking is one synthetic booking or sale and the truth behind it.
type booking struct {
	seq       int
	tenant    int // index into the run's tenants
	person    int // who made it: the truth
	kind      string
	source    string
	external  string
	occurred  time.Time
	requested []string
	customer  matcher.Customer
	details   json.RawMessage
}

// generator draws the bookings of a run, one after the other, from one
// random source seeded by the run's seed, so that the same flags give the
// same bookings in the same order.
type generator struct {
	tenants   int
	customers int
	dupRate   float64
	typoRate  float64
	salesRate float64
	runID     string
	base      time.Time

	rng     *rand.Rand
	pop     *population
	seen    [][]int        // per tenant, the people who booked already
	seenSet []map[int]bool // the same, as a set
}

func newGenerator(cfg *Config, runID string, base time.Time) *generator {
	g := &generator{
		tenants: cfg.Tenants, customers: cfg.Customers, dupRate: cfg.DuplicateRate, typoRate: cfg.TypoRate,
		salesRate: cfg.SalesRate, runID: runID, base: base.UTC().Truncate(time.Second),
		rng: rand.New(rand.NewPCG(cfg.Seed, 0x6c6f616467656e)),
		pop: newPopulation(cfg.SharedEmailRate),
	}
	g.seen = make([][]int, cfg.Tenants)
	g.seenSet = make([]map[int]bool, cfg.Tenants)
	for t := range g.seenSet {
		g.seenSet[t] = map[int]bool{}
	}
	return g
}

// services are what the synthetic bookings are for.
var services = []string{"Coupe", "Couleur", "Brushing", "Massage", "Manucure", "Soin visage", "Barbe", "Épilation"}

// next draws booking number seq.
func (g *generator) next(seq int) booking {
	t := g.rng.IntN(g.tenants)
	who := g.pickPerson(t)
	pe := g.pop.person(who)
	b := booking{seq: seq, tenant: t, person: who, kind: store.KindBooking, source: "booking_widget",
		external: fmt.Sprintf("lg-%s-%d", g.runID, seq), occurred: g.base.Add(time.Duration(seq) * time.Millisecond)}
	if g.rng.Float64() < g.salesRate {
		b.kind, b.source = store.KindSale, "web_sale"
	}
	c := matcher.Customer{FirstName: pe.first, LastName: pe.last, Email: pe.email,
		Mobile: phoneStyles[pe.phoneStyle](pe.mobile), BirthDate: pe.birth}
	if g.rng.Float64() < g.typoRate {
		switch g.rng.IntN(5) {
		case 0, 1:
			c.FirstName = letterTypo(g.rng, c.FirstName)
		case 2:
			c.LastName = letterTypo(g.rng, c.LastName)
		case 3:
			c.Email = emailTypo(g.rng, c.Email)
		default:
			c.Mobile = phoneStyles[g.rng.IntN(len(phoneStyles))](pe.mobile)
		}
	}
	if b.kind == store.KindBooking {
		b.requested = []string{"first_name", "last_name", "email", "mobile"}
		b.details, _ = json.Marshal(map[string]any{
			"service":   services[g.rng.IntN(len(services))],
			"starts_at": b.occurred.Add(time.Duration(1+g.rng.IntN(30)) * 24 * time.Hour).Format(time.RFC3339),
		})
	} else {
		// A checkout asks for less; half the customers give a mobile.
		b.requested = []string{"first_name", "last_name", "email"}
		if g.rng.IntN(2) == 0 {
			b.requested = append(b.requested, "mobile")
		} else {
			c.Mobile = ""
		}
		b.details, _ = json.Marshal(map[string]any{
			"amount_cents": 500 + g.rng.IntN(20000), "currency": "EUR",
			"items": []map[string]any{{"sku": fmt.Sprintf("SKU-%03d", g.rng.IntN(200)), "quantity": 1 + g.rng.IntN(3)}},
		})
	}
	if c.BirthDate != "" {
		b.requested = append(b.requested, "birth_date")
	}
	b.customer = c
	return b
}

// pickPerson draws who makes the next booking of tenant t: with
// probability dupRate someone who booked there before, otherwise someone
// new to the tenant (people are drawn from one population for all tenants,
// so one person may be a customer of two businesses, which must never be
// matched across them).
func (g *generator) pickPerson(t int) int {
	seen := g.seen[t]
	if len(seen) > 0 && g.rng.Float64() < g.dupRate {
		return seen[g.rng.IntN(len(seen))]
	}
	for range 16 {
		i := g.rng.IntN(g.customers)
		if !g.seenSet[t][i] {
			g.seenSet[t][i] = true
			g.seen[t] = append(g.seen[t], i)
			return i
		}
	}
	// The population is nearly used up in this tenant: a returning customer.
	return seen[g.rng.IntN(len(seen))]
}

// requestBody is the API's booking or sale body.
type requestBody struct {
	ExternalID      string           `json:"external_id"`
	Source          string           `json:"source"`
	OccurredAt      string           `json:"occurred_at"`
	RequestedFields []string         `json:"requested_fields"`
	Customer        matcher.Customer `json:"customer"`
	Booking         json.RawMessage  `json:"booking,omitempty"`
	Sale            json.RawMessage  `json:"sale,omitempty"`
}

// body is the booking as a widget or a checkout posts it.
func (b booking) body() ([]byte, error) {
	r := requestBody{ExternalID: b.external, Source: b.source, OccurredAt: b.occurred.Format(time.RFC3339),
		RequestedFields: b.requested, Customer: b.customer}
	if b.kind == store.KindBooking {
		r.Booking = b.details
	} else {
		r.Sale = b.details
	}
	return json.Marshal(r)
}

// ingest is the booking as the API hands it to the queue.
func (b booking) ingest(tenantID string, accepted time.Time) store.Ingest {
	return store.Ingest{
		IngestionID: worker.IngestionID(tenantID, b.source, b.external),
		TenantID:    tenantID, Kind: b.kind, Source: b.source, ExternalID: b.external,
		OccurredAt: b.occurred, Requested: b.requested, Customer: b.customer, Details: b.details,
		AcceptedAt: accepted.UTC(),
	}
}

// path is the API endpoint of the booking.
func (b booking) path() string {
	if b.kind == store.KindSale {
		return "/v1/sales"
	}
	return "/v1/bookings"
}
