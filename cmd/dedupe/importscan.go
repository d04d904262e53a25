package main

import (
	"context"
	"fmt"
	"os"

	"dedupe/csvimport"
	"dedupe/store"
)

// ImportCommand loads an existing customer file into a tenant, without
// merging. Bad rows go to stderr with their line numbers, progress too.
type ImportCommand struct{ m *Main }

// Run runs `dedupe import`.
func (c *ImportCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("import", "--tenant SLUG [--batch N] [--date-format DD/MM/YYYY] FILE.csv",
		`Load FILE.csv, an existing customer file, as profiles of the tenant, without
merging. The header names the columns: first_name, last_name, email, mobile,
phone, birth_date, gender, locale, created_at, address.line1, address.line2,
address.postal_code, address.city, address.country, attributes.KEY... in any
case, KEY kept as written. Columns are separated by commas, or by semicolons
or tabs when the header holds no comma; a value that is not UTF-8 is read as
Windows-1252, as Excel on Windows saves it. A country may be written as its
alpha-2 or alpha-3 code, or named in a language of Europe or of Asia's larger
countries, its own among them (Deutschland, Magyarország, 대한민국, Việt Nam).
A birth date written with dots and its year last (30.09.2000) reads day first
whatever the format, a Swedish personal number (20000930-2427) as its date,
and a date that names its month (16 agosto 1962,
24 Şubat 1969) or is written with 年月日 (1962年8月16日) as its words say.
A number in national format reads in the country of the row's address first,
then in the tenant's region. A value it cannot read (a birth date in another format, one that does not
exist, an invalid email or phone number) is kept as given, never used for
matching, and listed on stderr with its line number and column (an email or
number without its value); the customer is imported all the same. A value that
breaks a size or character rule (too long, a control character, a line break
outside an attribute) is left out and listed the same way, and so are the values
of a row longer than the header past its last column; a row shorter than the
header has its last columns empty. Only an empty row, or one left with no value,
is refused, and listed. Running it again on the same file
resumes after the last committed batch, and does nothing once it was all
imported. Then "dedupe scan" proposes the duplicates.`,
		"dedupe import --tenant salon customers.csv\ndedupe import --tenant salon --date-format DD/MM/YYYY export.csv")
	cl.args = []string{"FILE.csv"}
	var dbURL, slug string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&slug, "tenant", "", "the tenant's `SLUG`")
	batch := cl.fs.Int("batch", 1000, "rows per transaction")
	dateFormat := cl.fs.String("date-format", "YYYY-MM-DD", "how the file writes dates (birth_date, created_at), with DD, MM and YYYY\n(or YY): DD/MM/YYYY, MM/DD/YYYY, YYYYMMDD…; a time HH:MM[:SS] may follow created_at;\nan ISO date (2021-03-04, 2021-03-04T10:22:00) reads whatever the format")
	cl.require("tenant")
	rest, err := cl.parse(args)
	if err != nil {
		return err
	}
	if *batch < 1 {
		return cl.invalid("batch", fmt.Errorf("%d is not positive", *batch))
	}
	if _, err := csvimport.DateLayout(*dateFormat); err != nil {
		return cl.invalid("date-format", err)
	}
	path := rest[0]
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		t, err := s.TenantBySlug(ctx, slug)
		if err != nil {
			return err
		}
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: t.ID, BatchSize: *batch,
			Progress: c.m.Stderr, Rejects: c.m.Stderr, DateFormat: *dateFormat}, path, f)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.m.Stdout, importSummary(rep))
		return nil
	})
}

// importSummary says what this run of an import did. Report.Imported
// counts the rows of earlier runs too, so a run that resumed says so, and
// one on a file imported already says it imported nothing rather than the
// whole file again. Values read as Windows-1252 are said once here, not on
// every line: in such a file, every accented value is one.
func importSummary(rep csvimport.Report) string {
	if rep.AlreadyDone {
		return fmt.Sprintf("nothing new: the file was imported already (%d rows, %d rejected)", rep.Imported, rep.Rejected)
	}
	s := fmt.Sprintf("imported %d rows, rejected %d", rep.Imported, rep.Rejected)
	if rep.Resumed {
		s = fmt.Sprintf("resumed at line %d: imported %d rows in all, rejected %d", rep.FromLine, rep.Imported, rep.Rejected)
	}
	s += fmt.Sprintf("; %d unreadable values kept as given, %d left out", rep.Kept, rep.LeftOut)
	if rep.Windows1252 > 0 {
		s += fmt.Sprintf("; %d values were not UTF-8 and were read as Windows-1252", rep.Windows1252)
	}
	return s
}

// ScanCommand proposes every duplicate group of a tenant's file for
// review.
type ScanCommand struct{ m *Main }

// Run runs `dedupe scan`.
func (c *ScanCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("scan", "--tenant SLUG [--train]",
		`Open a review candidate for every group of the tenant's profiles that may be
one person: first those sharing an email or a mobile, then the fuzzy groups,
found by joining the file to itself on its blocking keys and scoring each pair
with the tenant's model. A tenant without a model, or whose file has doubled
or halved since it was trained, is trained first; --train
estimates it again from the file (m and u probabilities, name frequencies).
Progress goes to stderr, the totals to stdout. Run again after a stop, it
resumes at the phase it was in; a candidate is never opened twice.`,
		"dedupe scan --tenant salon\ndedupe scan --tenant salon --train")
	var dbURL, slug string
	databaseURLFlag(cl, &dbURL)
	cl.fs.StringVar(&slug, "tenant", "", "the tenant's `SLUG`")
	train := cl.fs.Bool("train", false, "estimate the tenant's fuzzy model from its file before comparing")
	cl.require("tenant")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	return c.m.withStore(ctx, dbURL, func(s *store.Store) error {
		t, err := s.TenantBySlug(ctx, slug)
		if err != nil {
			return err
		}
		rep, err := s.ScanWith(ctx, t.ID, store.ScanOptions{Train: *train}, func(r store.ScanReport) {
			fmt.Fprintf(c.m.Stderr, "scan: %d exact groups, %d pairs compared, %d fuzzy candidates\n", r.ExactGroups, r.Pairs, r.Fuzzy)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(c.m.Stdout, "exact groups %d, fuzzy candidates %d (%d of 3 profiles or more); %d candidates opened, the other groups were open already; %d smaller candidates folded into a group; profiles %d, pairs compared %d, shared keys skipped %d, model trained %v\n",
			rep.ExactGroups, rep.Fuzzy, rep.Groups, rep.Opened, rep.Folded, rep.Profiles, rep.Pairs, rep.SharedKeys, rep.Trained)
		return nil
	})
}
