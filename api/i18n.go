package api

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"dedupe/matcher"
	"dedupe/store"
)

// The pages speak the languages of the businesses that use them. Every
// word they show comes from a message catalogue beside the templates
// (templates/locales/<lang>.json): a key and its text, or for a text that
// depends on a number its plural forms ("one", "other", or "=0"…), in
// golang.org/x/text/message's format verbs. The language is the one the
// reviewer chose with the switch (a cookie), else the browser's
// Accept-Language, else English.

// pageLanguages are the languages of the pages; the first is the default.
var pageLanguages = []language.Tag{language.English, language.French, language.Spanish}

// langCookie remembers the language a reviewer chose with the switch.
const langCookie = "dedupe_lang"

var (
	langMatcher = language.NewMatcher(pageLanguages)
	// messages is the catalogue of every language, and messageKeys the
	// keys each language's file defines.
	messages, messageKeys = mustLoadCatalogues()
	// printers put the catalogue into words, by language.
	printers = newPrinters()
)

func newPrinters() map[string]*message.Printer {
	out := map[string]*message.Printer{}
	for _, t := range pageLanguages {
		out[t.String()] = message.NewPrinter(t, message.Catalog(messages))
	}
	return out
}

// mustLoadCatalogues reads templates/locales/*.json into one catalogue.
// A language lacking a key falls back to English; TestCataloguesAgree
// keeps that from happening.
func mustLoadCatalogues() (*catalog.Builder, map[string]map[string]bool) {
	b := catalog.NewBuilder(catalog.Fallback(pageLanguages[0]))
	keys := map[string]map[string]bool{}
	for _, t := range pageLanguages {
		name := path.Join("templates/locales", t.String()+".json")
		raw, err := fs.ReadFile(templateFS, name)
		if err != nil {
			panic(err)
		}
		var entries map[string]json.RawMessage
		if err := json.Unmarshal(raw, &entries); err != nil {
			panic(fmt.Sprintf("%s: %v", name, err))
		}
		keys[t.String()] = map[string]bool{}
		for key, v := range entries {
			if err := setMessage(b, t, key, v); err != nil {
				panic(fmt.Sprintf("%s: %s: %v", name, key, err))
			}
			keys[t.String()][key] = true
		}
	}
	return b, keys
}

// setMessage adds one entry: a string, or an object of plural forms of
// the first argument.
func setMessage(b *catalog.Builder, t language.Tag, key string, v json.RawMessage) error {
	var text string
	if json.Unmarshal(v, &text) == nil {
		return b.SetString(t, key, text)
	}
	var forms map[string]string
	if err := json.Unmarshal(v, &forms); err != nil {
		return fmt.Errorf("want a string or an object of plural forms: %w", err)
	}
	if forms["other"] == "" {
		return fmt.Errorf("plural forms lack \"other\"")
	}
	var cases []any
	for _, form := range slices.Sorted(func(yield func(string) bool) {
		for f := range forms {
			if f != "other" && !yield(f) {
				return
			}
		}
	}) {
		cases = append(cases, form, forms[form])
	}
	cases = append(cases, "other", forms["other"])
	return b.Set(t, key, plural.Selectf(1, "%d", cases...))
}

// msg is a text to show, as a catalogue key and its arguments; it is put
// into words in the reader's language when the page is rendered. An
// argument may itself be a msg.
type msg struct {
	Key  string
	Args []any
}

// say makes a msg.
func say(key string, args ...any) msg { return msg{Key: key, Args: args} }

// verbatim is a msg shown as given, untranslated: a name, a value.
func verbatim(s string) msg { return say("verbatim", s) }

// pageLanguage returns the language a request reads: the cookie of the
// switch, then Accept-Language, then English.
func pageLanguage(r *http.Request) string {
	var prefs []string
	if c, err := r.Cookie(langCookie); err == nil {
		prefs = append(prefs, c.Value)
	}
	prefs = append(prefs, r.Header.Get("Accept-Language"))
	_, i := language.MatchStrings(langMatcher, prefs...)
	return pageLanguages[i].String()
}

// translator puts msgs into one language's words.
type translator struct{ p *message.Printer }

func translatorFor(lang string) translator {
	if p, ok := printers[lang]; ok {
		return translator{p}
	}
	return translator{printers[pageLanguages[0].String()]}
}

// T translates a key with arguments (the templates' "t").
func (tr translator) T(key string, args ...any) string {
	for i, a := range args {
		if m, ok := a.(msg); ok {
			args[i] = tr.M(m)
		}
	}
	return tr.p.Sprintf(key, args...)
}

// Num writes a number the reader's way (the templates' "num"): 37,1 in
// French and Spanish, 37.1 in English. format is a fmt verb for it.
func (tr translator) Num(format string, v float64) string { return tr.p.Sprintf(format, v) }

// M translates a msg (the templates' "tm").
func (tr translator) M(m msg) string {
	if m.Key == "" {
		return ""
	}
	return tr.T(m.Key, slices.Clone(m.Args)...)
}

// fieldLabel names a field a merge can pick: a core field, or
// "attributes.<key>".
func fieldLabel(field string) msg {
	if key, ok := strings.CutPrefix(field, "attributes."); ok {
		return say("field.attribute", key)
	}
	if slices.Contains(matcher.ScalarFields, matcher.Field(field)) || field == string(matcher.FieldAddress) {
		return say("field." + field)
	}
	return verbatim(field)
}

// fallback is matcher's wording of an attribute rule that could not read
// a value and kept the most recent one instead.
var fallback = regexp.MustCompile(`^most recent: (\w+) cannot read (".*")$`)

// keptHow says why a merge keeps a value (matcher.Kept's How).
func keptHow(how string) msg {
	switch how {
	case "picked", "survivor", "most recent", "only value":
		return say("how." + strings.ReplaceAll(how, " ", "_"))
	}
	if matcher.AttributeRule(how).Valid() {
		return say("how.rule." + how)
	}
	if m := fallback.FindStringSubmatch(how); m != nil && matcher.AttributeRule(m[1]).Valid() {
		bad, err := strconv.Unquote(m[2])
		if err == nil {
			return say("how.fallback", say("rule."+m[1]), bad)
		}
	}
	return verbatim(how)
}

// fuzzyReasons words the fuzzy search's reasons (matcher.FuzzyScore).
var fuzzyReasons = map[string]string{
	"same mailbox once provider tricks (dots, +tags) are removed": "reason.fuzzy.mailbox",
	"similar name and same birth date":                            "reason.fuzzy.birth_date",
	"similar name and a mobile one digit apart":                   "reason.fuzzy.mobile",
}

var fuzzyNameEmail = regexp.MustCompile(`^similar name \(([0-9.]+)\) and email \(([0-9.]+)\)$`)

// fuzzyWeight reads the total weight out of a scored reason
// (matcher.FuzzyScore.Reason): "… (23.4 bits)".
var fuzzyWeight = regexp.MustCompile(`\((-?[0-9.]+) bits\)$`)

// reasonLabel says why a candidate was opened (a decision rule, the exact
// key of a profile created at the front desk, the fuzzy search's reason or
// the scan's shared key).
func reasonLabel(reason string) msg {
	switch reason {
	case string(matcher.RuleFirstCreated), string(matcher.RuleNameGuard), string(matcher.RuleGuardDisabled),
		string(matcher.RuleSingleMatch), store.ReasonExactKey:
		return say("reason." + reason)
	case "scan: shared email", "scan: shared mobile", "scan: shared email and mobile":
		return say("reason.scan." + strings.ReplaceAll(strings.TrimPrefix(reason, "scan: shared "), " and ", "_"))
	}
	if r, ok := strings.CutPrefix(reason, "fuzzy: "); ok {
		if key, ok := fuzzyReasons[r]; ok {
			return say(key)
		}
		if m := fuzzyNameEmail.FindStringSubmatch(r); m != nil {
			name, _ := strconv.ParseFloat(m[1], 64)
			email, _ := strconv.ParseFloat(m[2], 64)
			return say("reason.fuzzy.name_email", name, email)
		}
		if m := fuzzyWeight.FindStringSubmatch(r); m != nil {
			w, _ := strconv.ParseFloat(m[1], 64)
			return say("reason.fuzzy.weights", w)
		}
	}
	return verbatim(reason)
}

// statusLabel words a profile's or a candidate's status.
func statusLabel(status string) msg {
	switch status {
	case store.ProfileActive, store.ProfileMerged, store.ProfileErased, store.ReviewOpen, store.ReviewIgnored, store.ReviewStale:
		return say("status." + status)
	}
	return verbatim(status)
}

// mergeKindLabel words a merge's kind in the history.
func mergeKindLabel(kind string) msg {
	switch kind {
	case store.MergeKindReview, store.MergeKindManual:
		return say("merge_kind." + kind)
	}
	return verbatim(kind)
}
