package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dedupe/csvimport"
	"dedupe/internal/storetest"
	"dedupe/store"
)

// plantedFile writes a customer file of distinct people, some of whom
// appear several times in the ways real files repeat people, and returns
// the planted duplicate groups as sorted row indexes (0-based data rows)
// and the number of bad rows.
func plantedFile(t *testing.T, path string, people int) (groups [][]int, bad int) {
	t.Helper()
	firsts := []string{"Jean", "Marie", "Lucas", "Chloé", "Hugo", "Inès", "Louis", "Emma", "Noah", "Jade",
		"Arthur", "Léna", "Gabriel", "Rose", "Paul", "Alice", "Victor", "Zoé", "Adam", "Manon"}
	lasts := []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
		"Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux"}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"first_name", "last_name", "email", "mobile", "birth_date", "created_at", "attributes.member_code"}) // w.Error after Flush tells
	row := 0
	add := func(rec ...string) int {
		_ = w.Write(rec)
		row++
		return row - 1
	}
	for i := range people {
		first, last := firsts[i%len(firsts)], lasts[(i/len(firsts))%len(lasts)]
		domain := fmt.Sprintf("mail%d.fr", i%7)
		if i%6 == 2 {
			domain = "gmail.com"
		}
		local := strings.ToLower(foldASCII(first)) + "." + strings.ToLower(last) + fmt.Sprint(i)
		email := local + "@" + domain
		n := 610000000 + i*1013 // spaced so that no two people are one digit apart
		mobile := fmt.Sprintf("0%d", n)
		birth := fmt.Sprintf("19%02d-%02d-%02d", 50+i%45, 1+i%12, 1+i%28)
		orig := add(first, last, email, mobile, birth, "2020-01-02", fmt.Sprintf("M-%d", i))
		var dup []int
		switch i % 10 {
		case 1: // same email, other case and spaces
			dup = append(dup, add(first, last, "  "+strings.ToUpper(email), "", "", "", ""))
		case 3: // same mobile, international format
			dup = append(dup, add(first, "", "", fmt.Sprintf("+33 %d", n), "", "", ""))
		case 5: // surname typo, email typo
			dup = append(dup, add(first, last+"e", local+"e@"+domain, "", "", "", ""))
		case 7: // swapped digit in the mobile
			b := []byte(mobile)
			b[len(b)-1], b[len(b)-2] = b[len(b)-2], b[len(b)-1]
			if b[len(b)-1] == b[len(b)-2] {
				b[len(b)-1] = '0' + (b[len(b)-1]-'0'+1)%10
			}
			dup = append(dup, add(first, last, "", string(b), "", "", ""))
		case 9: // same name and birth date, other email; and a third record by email
			dup = append(dup, add(first, last, fmt.Sprintf("%s%d@laposte.net", strings.ToLower(foldASCII(last))[:3], 1000+i*37), "", birth, "", ""))
			dup = append(dup, add(first, last, email, "", "", "", ""))
		}
		if i%6 == 2 && i%10 == 0 { // Gmail without dots
			dup = append(dup, add(first, last, strings.ReplaceAll(local, ".", "")+"@gmail.com", "", "", "", ""))
		}
		if len(dup) > 0 {
			groups = append(groups, append([]int{orig}, dup...))
		}
	}
	// A birth date in another format: imported, the date kept as given
	// and reported. A row cut short and one longer than the header:
	// imported, the values past the header's columns reported. An empty
	// row: reported and skipped.
	add("Odd", "Date", "odd@mail1.fr", "", "31/12/1990", "", "")
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("Short,Row\nLong,Row,long.row@example.fr,,,,,extra\n,,,,,,\n")
	bad = 1
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return groups, bad
}

func foldASCII(s string) string {
	return strings.NewReplacer("é", "e", "è", "e", "ë", "e", "ï", "i", "ô", "o").Replace(s)
}

func TestImportAndScanFindThePlantedGroups(t *testing.T) {
	s := MustRun(t)
	path := filepath.Join(t.TempDir(), "customers.csv")
	groups, bad := plantedFile(t, path, 300)

	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, Getenv: envOf(map[string]string{"DATABASE_URL": s.dbURL})}
	if err := m.Run(context.Background(), []string{"import", "--tenant", "salon", "--batch", "50", path}); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	rows := 0
	for _, g := range groups {
		rows += len(g) - 1
	}
	wantImported := 300 + rows + 3 // and the odd date, the short row and the long one
	if !strings.Contains(out.String(), fmt.Sprintf("imported %d rows, rejected %d; 1 unreadable values kept as given", wantImported, bad)) {
		t.Fatalf("import said %q; want %d imported and %d rejected\n%s", out.String(), wantImported, bad, errOut.String())
	}
	for _, want := range []string{`birth_date written 99/99/9999 is not a date in the file's format (YYYY-MM-DD); kept as given`, "the row is empty", "the row has 8 values where the header has 7 columns: the 1 past them are not stored",
		"the row has 2 values where the header has 7 columns: the last 5 read as empty; imported"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("rejects lack %q:\n%s", want, errOut.String())
		}
	}
	if !strings.Contains(errOut.String(), fmt.Sprintf("line %d:", wantImported+2)) {
		t.Errorf("rejects do not name line %d:\n%s", wantImported+2, errOut.String())
	}
	if n := s.count(`SELECT count(*) FROM profiles`); n != wantImported {
		t.Fatalf("%d profiles, want %d", n, wantImported)
	}
	// Importing the same file again resumes after its end: nothing twice.
	out.Reset()
	if err := m.Run(context.Background(), []string{"import", "--tenant", "salon", path}); err != nil {
		t.Fatal(err)
	}
	if n := s.count(`SELECT count(*) FROM profiles`); n != wantImported {
		t.Fatalf("a second import of the same file made %d profiles, want %d", n, wantImported)
	}
	if want := fmt.Sprintf("nothing new: the file was imported already (%d rows, %d rejected)\n", wantImported, bad); out.String() != want {
		t.Fatalf("a second import said %q, want %q", out.String(), want)
	}

	out.Reset()
	if err := m.Run(context.Background(), []string{"scan", "--tenant", "salon"}); err != nil {
		t.Fatalf("scan: %v\n%s", err, errOut.String())
	}

	// Map profiles back to file rows through the member code and order of
	// creation: profiles are created in file order within each batch, and
	// their ids (UUIDv7) sort by creation.
	var ids []string
	r, _ := s.store.Pool().Query(context.Background(), `SELECT id::text FROM profiles ORDER BY id`)
	for r.Next() {
		var id string
		if err := r.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	r.Close()
	rowOf := map[string]int{}
	for i, id := range ids {
		rowOf[id] = i
	}
	// Groups are compared as connected components: A and B proposed
	// together and B and C proposed together put A, B and C in one group.
	plantedUF, foundUF := newUnionFind(len(ids)), newUnionFind(len(ids))
	for _, g := range groups {
		for _, x := range g[1:] {
			plantedUF.union(g[0], x)
		}
	}
	r, _ = s.store.Pool().Query(context.Background(), `SELECT profile_ids::text[] FROM review_candidates WHERE status = 'open'`)
	for r.Next() {
		var set []string
		if err := r.Scan(&set); err != nil {
			t.Fatal(err)
		}
		for _, id := range set[1:] {
			foundUF.union(rowOf[set[0]], rowOf[id])
		}
	}
	r.Close()
	planted, found := plantedUF.pairs(), foundUF.pairs()
	hit := 0
	var missed, extra []string
	for p := range planted {
		if found[p] {
			hit++
		} else {
			missed = append(missed, fmt.Sprint(p))
		}
	}
	for p := range found {
		if !planted[p] {
			extra = append(extra, fmt.Sprint(p))
		}
	}
	sort.Strings(missed)
	sort.Strings(extra)
	precision := float64(hit) / float64(max(len(found), 1))
	recall := float64(hit) / float64(len(planted))
	t.Logf("import and scan: %d profiles, %d planted duplicate pairs, %d found; precision %.3f, recall %.3f", len(ids), len(planted), len(found), precision, recall)
	if len(missed) > 0 || len(extra) > 0 {
		t.Fatalf("groups found differ from the groups planted: missed %v, extra %v", missed, extra)
	}

	// A second scan finds the same groups: it opens nothing, says so, and
	// adds no evidence the candidates hold already.
	var evidence, opened int
	if err := s.store.Pool().QueryRow(context.Background(), `SELECT sum(jsonb_array_length(evidence)), count(*) FROM review_candidates`).Scan(&evidence, &opened); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("%d candidates opened", opened)) {
		t.Errorf("the first scan said %q; %d candidates are open", out.String(), opened)
	}
	out.Reset()
	if err := m.Run(context.Background(), []string{"scan", "--tenant", "salon"}); err != nil {
		t.Fatalf("scan again: %v\n%s", err, errOut.String())
	}
	var evidenceAgain int
	if err := s.store.Pool().QueryRow(context.Background(), `SELECT sum(jsonb_array_length(evidence)) FROM review_candidates`).Scan(&evidenceAgain); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "; 0 candidates opened") || evidenceAgain != evidence {
		t.Errorf("the second scan said %q, and the candidates hold %d pieces of evidence, %d before", out.String(), evidenceAgain, evidence)
	}
}

func TestImportReportsUnreadableValues(t *testing.T) {
	dbURL := storetest.MustURL(t)
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, Getenv: envOf(map[string]string{"DATABASE_URL": dbURL})}
	if err := m.Run(context.Background(), []string{"tenant", "create", "--slug", "salon", "--region", "FR"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "customers.csv")
	data := "first_name,email,mobile,attributes.Notes\n" +
		"Camille,camille@example,06 12,\"first visit\x00prefers mornings\"\n" +
		"Lucas,lucas@example.fr,06 12 34 56 78,\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := m.Run(context.Background(), []string{"import", "--tenant", "salon", path}); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	if want := "imported 2 rows, rejected 0; 2 unreadable values kept as given, 1 left out\n"; out.String() != want {
		t.Fatalf("import said %q, want %q\n%s", out.String(), want, errOut.String())
	}
	for _, want := range []string{
		"line 2: email is not a valid email address; kept as given, imported",
		"line 2: mobile is not a valid phone number in region FR; kept as given, imported",
		"line 2: attributes.Notes contains control characters or invalid UTF-8; left out, imported",
	} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
	for _, value := range []string{"camille@example", "06 12", "first visit"} {
		if strings.Contains(errOut.String(), value) {
			t.Errorf("stderr shows the value %q:\n%s", value, errOut.String())
		}
	}
}

// TestImportFrenchExcelFile imports a file as French Excel on Windows
// saves it: semicolons, Windows-1252, countries by name, creation dates
// with a time or ISO dates whatever --date-format says, dates without
// zero padding.
func TestImportFrenchExcelFile(t *testing.T) {
	dbURL := storetest.MustURL(t)
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, Getenv: envOf(map[string]string{"DATABASE_URL": dbURL})}
	if err := m.Run(context.Background(), []string{"tenant", "create", "--slug", "salon", "--region", "FR"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "clients.csv")
	data := "first_name;last_name;birth_date;created_at;address.city;address.country\r\n" +
		"H\xe9l\xe8ne;Lef\xe8vre;2/4/1990;04/03/2021 10:22;Orl\xe9ans;France\r\n" +
		"Zo\xe9;M\xfcller;15/11/1985;2021-03-04 10:22:00;Paris;FRA\r\n" +
		"Paul;Martin;;2021-03-04;Bruxelles;Belgique\r\n" +
		"L\xe9a;Dubois;;2021-03-05T09:15:00;Lyon;FR\r\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := m.Run(context.Background(), []string{"import", "--tenant", "salon", "--date-format", "DD/MM/YYYY", path}); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	want := "imported 4 rows, rejected 0; 0 unreadable values kept as given, 0 left out; 6 values were not UTF-8 and were read as Windows-1252\n"
	if out.String() != want {
		t.Fatalf("import said %q, want %q\n%s", out.String(), want, errOut.String())
	}
	if strings.Contains("\n"+errOut.String(), "\nline ") {
		t.Fatalf("stderr reports lines:\n%s", errOut.String())
	}
	st, err := store.Open(context.Background(), store.Config{URL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM profiles WHERE
		(first_name, last_name, birth_date, created_at, address->>'city', address->>'country') IN (
		('Hélène', 'Lefèvre', '1990-04-02', '2021-03-04 10:22:00+00', 'Orléans', 'FR'),
		('Zoé', 'Müller', '1985-11-15', '2021-03-04 10:22:00+00', 'Paris', 'FR'))
		OR (first_name, created_at, address->>'country') IN (
		('Paul', '2021-03-04 00:00:00+00', 'BE'),
		('Léa', '2021-03-05 09:15:00+00', 'FR'))`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Fatalf("%d profiles read as written, want 4", n)
	}
}

func TestImportSummary(t *testing.T) {
	for _, c := range []struct {
		rep  csvimport.Report
		want string
	}{
		{csvimport.Report{Imported: 3, Rejected: 1, Kept: 2},
			"imported 3 rows, rejected 1; 2 unreadable values kept as given, 0 left out"},
		{csvimport.Report{Imported: 3, LeftOut: 1, Windows1252: 4},
			"imported 3 rows, rejected 0; 0 unreadable values kept as given, 1 left out; 4 values were not UTF-8 and were read as Windows-1252"},
		{csvimport.Report{Imported: 2500, Resumed: true, FromLine: 1202},
			"resumed at line 1202: imported 2500 rows in all, rejected 0; 0 unreadable values kept as given, 0 left out"},
		{csvimport.Report{Imported: 22118, Rejected: 3, Resumed: true, AlreadyDone: true, FromLine: 22122},
			"nothing new: the file was imported already (22118 rows, 3 rejected)"},
	} {
		if got := importSummary(c.rep); got != c.want {
			t.Errorf("summary of %+v = %q, want %q", c.rep, got, c.want)
		}
	}
}

func pair(a, b int) [2]int {
	if a > b {
		a, b = b, a
	}
	return [2]int{a, b}
}

// unionFind groups row indexes.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) union(a, b int) { u[u.find(a)] = u.find(b) }

// pairs returns every pair of rows in one group.
func (u unionFind) pairs() map[[2]int]bool {
	members := map[int][]int{}
	for i := range u {
		members[u.find(i)] = append(members[u.find(i)], i)
	}
	out := map[[2]int]bool{}
	for _, m := range members {
		for i := range m {
			for j := i + 1; j < len(m); j++ {
				out[pair(m[i], m[j])] = true
			}
		}
	}
	return out
}
