package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dedupe/matcher"
	"dedupe/store"
)

// templateKey finds the keys the templates translate: {{t "key" …}}.
var templateKey = regexp.MustCompile(`\bt "([^"]+)"`)

// usedKeys returns every message key the pages use: the templates' "t"
// calls, the say("key") calls of the package's code, and the keys the
// code builds from a value (field names, merge reasons, statuses…), for
// every value they can take. prefixes are the literal beginnings of keys
// built in code, say("field." + f).
func usedKeys(t *testing.T) (keys map[string]string, prefixes map[string]string) {
	t.Helper()
	keys, prefixes = map[string]string{}, map[string]string{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		raw, _ := fs.ReadFile(templateFS, name)
		for _, m := range templateKey.FindAllStringSubmatch(string(raw), -1) {
			keys[m[1]] = name
		}
	}
	sources, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, src := range sources {
		if strings.HasSuffix(src, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, src, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "say" {
				return true
			}
			at := fset.Position(call.Pos()).String()
			switch arg := call.Args[0].(type) {
			case *ast.BasicLit:
				key, _ := strconv.Unquote(arg.Value)
				keys[key] = at
			case *ast.BinaryExpr:
				if lit, ok := arg.X.(*ast.BasicLit); ok {
					prefix, _ := strconv.Unquote(lit.Value)
					prefixes[prefix] = at
				}
			}
			return true
		})
	}
	// The keys built from values, for each value they take.
	var built []msg
	for _, f := range matcher.ScalarFields {
		built = append(built, fieldLabel(string(f)))
	}
	built = append(built, fieldLabel("attributes.tier"))
	// The review page's weight tables: each comparison and level a score
	// can hold, the file-size line's too.
	for _, c := range append(slices.Clone(matcher.Comparisons), matcher.CompareFileSize) {
		built = append(built, say("field."+string(c)))
	}
	for _, l := range matcher.Levels {
		built = append(built, levelLabel(l))
	}
	for _, how := range []string{"picked", "survivor", "most recent", "only value", `most recent: sum cannot read "abc"`} {
		built = append(built, keptHow(how))
	}
	for _, r := range matcher.AttributeRules {
		built = append(built, keptHow(string(r)), say("rule."+string(r)))
	}
	for _, r := range []string{string(matcher.RuleFirstCreated), string(matcher.RuleNameGuard), string(matcher.RuleGuardDisabled),
		string(matcher.RuleSingleMatch), store.ReasonExactKey, "scan: shared email", "scan: shared mobile", "scan: shared email and mobile",
		"fuzzy: same mailbox once provider tricks (dots, +tags) are removed", "fuzzy: similar name and same birth date",
		"fuzzy: similar name and a mobile one digit apart", "fuzzy: similar name (0.91) and email (0.80)"} {
		if m := reasonLabel(r); m.Key == "verbatim" {
			t.Errorf("reason %q is not translated", r)
		} else {
			built = append(built, m)
		}
	}
	for _, s := range []string{store.ProfileActive, store.ProfileMerged, store.ProfileErased, store.ReviewOpen, store.ReviewIgnored, store.ReviewStale} {
		built = append(built, statusLabel(s))
	}
	for _, k := range []string{store.MergeKindReview, store.MergeKindManual} {
		built = append(built, mergeKindLabel(k))
	}
	for _, k := range []string{store.KindBooking, store.KindSale} {
		built = append(built, say("kind."+k))
	}
	for _, k := range []string{"email", "mobile", "phone"} {
		built = append(built, say("row.all_"+k))
	}
	for _, tmpl := range pageTemplates["en"].Templates() {
		switch name := tmpl.Name(); name {
		case "", "header", "nav", "footer", "customer-rows", "candidate", "confirm":
			// Pieces, and the pages titled by the customer's name.
		default:
			if strings.HasSuffix(name, ".html") {
				continue
			}
			built = append(built, say("title."+name))
		}
	}
	var walk func(m msg)
	walk = func(m msg) {
		keys[m.Key] = "built in code"
		for _, a := range m.Args {
			if n, ok := a.(msg); ok {
				walk(n)
			}
		}
	}
	for _, m := range built {
		walk(m)
	}
	return keys, prefixes
}

// TestCataloguesAgree fails when a message key the pages use is missing
// from a language's catalogue, or when the catalogues do not hold the same
// keys.
func TestCataloguesAgree(t *testing.T) {
	keys, prefixes := usedKeys(t)
	if len(keys) < 100 {
		t.Fatalf("found only %d keys in use: the scan is broken", len(keys))
	}
	for _, lang := range slices.Sorted(func(yield func(string) bool) {
		for l := range messageKeys {
			if !yield(l) {
				return
			}
		}
	}) {
		for key, where := range keys {
			if !messageKeys[lang][key] {
				t.Errorf("templates/locales/%s.json lacks %q (used in %s)", lang, key, where)
			}
		}
		for prefix, where := range prefixes {
			if !slices.ContainsFunc(slices.Collect(func(yield func(string) bool) {
				for k := range messageKeys[lang] {
					if !yield(k) {
						return
					}
				}
			}), func(k string) bool { return strings.HasPrefix(k, prefix) }) {
				t.Errorf("templates/locales/%s.json has no key starting %q (used in %s)", lang, prefix, where)
			}
		}
		for key := range messageKeys["en"] {
			if !messageKeys[lang][key] {
				t.Errorf("templates/locales/%s.json lacks %q, which en.json has", lang, key)
			}
		}
		for key := range messageKeys[lang] {
			if !messageKeys["en"][key] {
				t.Errorf("templates/locales/%s.json has %q, which en.json lacks", lang, key)
			}
		}
	}
}

// TestTranslations checks a few messages in each language: plural forms,
// numbers in the reader's format, nested messages, and the reasons a
// merge keeps a value.
func TestTranslations(t *testing.T) {
	tests := []struct {
		lang string
		m    msg
		want string
	}{
		{"en", say("count.activities", 1), "1 booking or sale"},
		{"en", say("count.activities", 3), "3 bookings and sales"},
		{"fr", say("count.activities", 0), "0 réservation ou vente"},
		{"fr", say("count.activities", 2), "2 réservations et ventes"},
		{"es", say("count.activities", 1), "1 reserva o venta"},
		{"fr", say("list.score_value", 0.875), "0,88"},
		{"es", say("list.score_value", 0.5), "0,50"},
		{"en", say("confirm.tombstones", 2, "Profile 2, Profile 3"), "Profile 2, Profile 3 will become tombstones pointing to it: their ids still resolve, but they are no longer matched."},
		{"fr", say("confirm.tombstones", 1, say("profile.label_id", say("profile.label", 2), "…1234")), "Fiche 2 (…1234) renverra vers elle : son identifiant reste valable, mais elle ne sert plus à reconnaître le client."},
		{"es", keptHow(`most recent: sum cannot read "abc"`), "el valor más reciente: la regla «suma» no puede leer «abc»"},
		{"fr", keptHow("picked"), "votre choix"},
		{"en", keptHow("sum"), "the sum of the values"},
		{"fr", fieldLabel("attributes.loyalty_points"), "Attribut loyalty_points"},
		{"es", fieldList([]string{"first_name", "attributes.tier"}), "Nombre, Atributo tier"},
		{"fr", reasonLabel("fuzzy: similar name (0.91) and email (0.80)"), "nom (0,91) et e-mail (0,80) proches"},
		{"en", verbatim("100%"), "100%"},
	}
	for _, tt := range tests {
		if got := translatorFor(tt.lang).M(tt.m); got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.lang, tt.m.Key, got, tt.want)
		}
	}
}

func TestLocalPage(t *testing.T) {
	for in, want := range map[string]string{
		"/customers?q=roy":          "/customers?q=roy",
		"/review/candidates/x":      "/review/candidates/x",
		"/review":                   "/review",
		"":                          "/review",
		"https://evil.example/":     "/review",
		"//evil.example/review":     "/review",
		"/\\evil.example":           "/review",
		"/v1/profiles":              "/review",
		"/reviewer":                 "/review",
		"/customers/../v1/profiles": "/review",
	} {
		if got := localPage(in); got != want {
			t.Errorf("localPage(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNumbersTheReadersWay: the weights table writes its numbers as the
// rest of the page does, with a decimal comma in French and Spanish.
func TestNumbersTheReadersWay(t *testing.T) {
	for lang, want := range map[string]string{"en": "+37.1 -4.0", "fr": "+37,1 -4,0", "es": "+37,1 -4,0"} {
		tr := translatorFor(lang)
		if got := tr.Num("%+.1f", 37.14) + " " + tr.Num("%+.1f", -4); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
