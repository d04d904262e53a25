package matcher

import "testing"

// The matcher's share of one booking in the worker: normalise the
// customer, screen the keys, decide, apply. BenchmarkDecide and the
// Normalize benchmarks are beside their tests.

var benchCustomer = Customer{FirstName: "Camille", LastName: "Roy", Email: " Camille.Roy@Example.fr ",
	Mobile: "06 12 34 56 78", BirthDate: "1990-04-02", Attributes: map[string]string{"member_code": "A-17"}}

func BenchmarkNewIncoming(b *testing.B) {
	requested := []string{"first_name", "last_name", "email", "mobile"}
	for b.Loop() {
		NewIncoming(benchCustomer, requested, "FR")
	}
}

func BenchmarkNamesCompatible(b *testing.B) {
	for b.Loop() {
		NamesCompatible("Camille", "Camile")
	}
}

func BenchmarkScreen(b *testing.B) {
	in := NewIncoming(benchCustomer, nil, "FR")
	p := Policy{NameGuard: true, Blocked: []string{"+33142685300", "accueil@*"}}
	for b.Loop() {
		p.Screen(in.Keys())
	}
}

func BenchmarkApply(b *testing.B) {
	in := NewIncoming(Customer{FirstName: "Camilla", Email: "camille.roy@example.fr", Mobile: "07 81 22 33 44"}, nil, "FR")
	for b.Loop() {
		p := existing()
		Apply(&p, in, now)
	}
}

func BenchmarkCheckCustomer(b *testing.B) {
	for b.Loop() {
		if err := CheckCustomer(benchCustomer, now); err != nil {
			b.Fatal(err)
		}
	}
}
