// Package csvimport loads a business's existing customer file, a CSV with
// a header row, into a tenant as profiles, without merging anything.
//
// It streams: memory stays flat however long the file is. Bad rows are
// reported with their line numbers and skipped; the import never stops at
// the first one. A value it cannot read is kept as given, one that breaks a
// size or character rule is left out; both are reported with their line and
// column, and the customer is imported all the same. Rows are committed in
// batches together with a checkpoint, so importing the same file again
// resumes where the last run stopped.
//
// It reads files as spreadsheets save them: separated by commas, or by
// semicolons or tabs (French Excel's CSV uses semicolons), in UTF-8 or
// Windows-1252, with dates and countries written as people write them.
package csvimport

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"dedupe/matcher"
	"dedupe/store"
)

// Columns lists the header names understood, in any case; "attributes.KEY"
// (or "attr.KEY") columns become attributes, KEY kept as written.
var Columns = []string{"first_name", "last_name", "email", "mobile", "phone", "birth_date", "gender", "locale", "created_at",
	"address.line1", "address.line2", "address.postal_code", "address.city", "address.country"}

// Config configures an import.
type Config struct {
	Store    *store.Store
	TenantID string
	// BatchSize is the number of rows per transaction. Default 1000.
	BatchSize int
	// Progress receives a line every ProgressEvery rows. Default io.Discard.
	Progress      io.Writer
	ProgressEvery int64
	// Rejects receives one line per bad row, and one per value kept as
	// given or left out: "line N: why". Default io.Discard.
	Rejects io.Writer
	// Now is the clock for birth-date checks. Default time.Now.
	Now func() time.Time
	// DateFormat is how the file writes birth dates and creation dates,
	// with DD, MM, YY and YYYY for the day, month and year (DD/MM/YYYY).
	// Default YYYY-MM-DD. A format with separators also reads one-digit
	// days and months, and a creation date may be followed by a time
	// (HH:MM or HH:MM:SS, UTC). A birth date also reads in the format's
	// order with other separators (17-02-1963 for DD/MM/YYYY), as an ISO
	// date, and with a two-digit year, in the latest century that leaves it
	// in the past. A date that does not read is kept as given.
	DateFormat string
}

// DateLayout turns a date format such as DD/MM/YYYY into a Go time layout.
// It refuses a format without a day, a month and a year.
func DateLayout(format string) (string, error) {
	f := strings.ToUpper(strings.TrimSpace(format))
	if !strings.Contains(f, "DD") || !strings.Contains(f, "MM") || !strings.Contains(f, "YY") {
		return "", fmt.Errorf("date format %q needs DD, MM and YYYY (or YY), such as DD/MM/YYYY", format)
	}
	return strings.NewReplacer("YYYY", "2006", "YY", "06", "MM", "01", "DD", "02").Replace(f), nil
}

// readLayout is DateLayout for reading. When the format separates its day,
// month and year, the layout also reads one-digit days and months
// ("1990-4-2"), as spreadsheets write them; without separators it cannot
// (199042 could be several dates).
func readLayout(format string) (string, error) {
	layout, err := DateLayout(format)
	if err != nil {
		return "", err
	}
	f := strings.ToUpper(strings.TrimSpace(format))
	for _, part := range strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !slices.Contains([]string{"DD", "MM", "YY", "YYYY"}, part) {
			return layout, nil
		}
	}
	return strings.NewReplacer("YYYY", "2006", "YY", "06", "MM", "1", "DD", "2").Replace(f), nil
}

// timeLayouts are the layouts of created_at besides RFC 3339: a date in the
// file's format, on its own or with a time, and an ISO date, on its own or
// with a time after a space or a T without a zone, as SQL exports, Excel
// and most other systems write it, whatever --date-format says of the
// file's other dates (its year first, it reads one way only). A time
// without a zone is UTC.
func timeLayouts(date string) []string {
	return []string{date, date + " 15:04:05", date + " 15:04", time.DateTime, "2006-01-02 15:04",
		time.DateOnly, "2006-01-02T15:04:05", "2006-01-02T15:04"}
}

// Report sums up an import.
type Report struct {
	Imported    int64 // rows imported, this run and earlier ones
	Kept        int64 // values of imported rows it could not read, kept as given (this run)
	LeftOut     int64 // values of imported rows that break a size or character rule, and extensions after valid phone numbers, not stored (this run)
	Windows1252 int64 // values of imported rows that were not UTF-8, read as Windows-1252 (this run)
	Rejected    int64
	Resumed     bool  // an earlier run of the same file had committed lines
	AlreadyDone bool  // an earlier run imported the whole file: this run read no row
	FromLine    int64 // the first line this run read
}

// Import reads a CSV customer file and imports it. The file is read twice:
// once for its digest, which identifies the import for resuming, then for
// the rows.
func Import(ctx context.Context, cfg Config, name string, file io.ReadSeeker) (Report, error) {
	cfg.BatchSize = cmp.Or(cfg.BatchSize, 1000)
	cfg.ProgressEvery = cmp.Or(cfg.ProgressEvery, 10000)
	cfg.Progress = cmp.Or[io.Writer](cfg.Progress, io.Discard)
	cfg.Rejects = cmp.Or[io.Writer](cfg.Rejects, io.Discard)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	h := sha256.New()
	if _, err := io.Copy(h, file); err != nil {
		return Report{}, fmt.Errorf("read %s: %w", name, err)
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return Report{}, err
	}
	digest := hex.EncodeToString(h.Sum(nil))
	st, err := cfg.Store.ImportState(ctx, cfg.TenantID, digest, name)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Resumed: st.LastLine > 0, FromLine: st.LastLine + 1}
	if st.Done {
		rep.Imported, rep.Rejected, rep.AlreadyDone = st.Imported, st.Rejected, true
		return rep, nil
	}

	t, err := cfg.Store.Tenant(ctx, cfg.TenantID)
	if err != nil {
		return rep, err
	}
	rd, err := newReader(file, cfg.Now(), cmp.Or(strings.TrimSpace(cfg.DateFormat), "YYYY-MM-DD"), t.Region)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	batch := make([]store.ImportRow, 0, cfg.BatchSize)
	flush := func(done bool) error {
		st.Done = done
		if err := cfg.Store.ImportBatch(ctx, cfg.TenantID, digest, batch, st); err != nil {
			return err
		}
		batch = batch[:0]
		return nil
	}
	for {
		row, why, err := rd.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rep, fmt.Errorf("%s: %w", name, err)
		}
		if row.Line <= st.LastLine {
			continue // committed by an earlier run
		}
		if why != "" {
			st.Rejected++
			fmt.Fprintf(cfg.Rejects, "line %d: %s\n", row.Line, why)
		} else {
			batch = append(batch, row.ImportRow)
			st.Imported++
			rep.Windows1252 += row.windows1252
			for _, k := range row.Kept {
				rep.Kept++
				fmt.Fprintf(cfg.Rejects, "line %d: %s; kept as given, imported\n", row.Line, k)
			}
			for _, k := range row.leftOut {
				rep.LeftOut++
				fmt.Fprintf(cfg.Rejects, "line %d: %s; left out, imported\n", row.Line, k)
			}
			for _, n := range row.notes {
				fmt.Fprintf(cfg.Rejects, "line %d: %s; imported\n", row.Line, n)
			}
		}
		st.LastLine = row.Line
		if len(batch) == cfg.BatchSize {
			if err := flush(false); err != nil {
				return rep, err
			}
		}
		if (st.Imported+st.Rejected)%cfg.ProgressEvery == 0 {
			fmt.Fprintf(cfg.Progress, "import: line %d, %d imported, %d rejected\n", st.LastLine, st.Imported, st.Rejected)
		}
	}
	if err := flush(true); err != nil {
		return rep, err
	}
	rep.Imported, rep.Rejected = st.Imported, st.Rejected
	fmt.Fprintf(cfg.Progress, "import: done at line %d, %d imported, %d rejected\n", st.LastLine, st.Imported, st.Rejected)
	return rep, nil
}

// reader turns a CSV customer file into rows, one at a time.
type reader struct {
	csv    *csv.Reader
	cols   []column
	now    time.Time
	format string   // how the file writes dates (DD/MM/YYYY)
	layout string   // the same as a Go time layout, for reading
	times  []string // the layouts of created_at besides RFC 3339
	// swapped is layout with the day and the month the other way round
	// (dayMonthSwapped), "" for a format without both.
	swapped string
	region  string // the tenant's phone region, to tell invalid numbers
}

// newReader reads the header row. format is a date format DateLayout reads.
func newReader(r io.Reader, now time.Time, format, region string) (*reader, error) {
	layout, err := readLayout(format)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	sep, err := separator(br)
	if err != nil {
		return nil, fmt.Errorf("cannot read the header row: %w", err)
	}
	c := csv.NewReader(br) // reads through br, which it does not wrap again
	c.Comma = sep
	c.LazyQuotes = true
	c.ReuseRecord = true
	header, err := c.Read()
	if err != nil {
		return nil, fmt.Errorf("cannot read the header row: %w", err)
	}
	cols, err := parseHeader(header, c.Comma)
	if err != nil {
		return nil, err
	}
	c.FieldsPerRecord = -1 // a row of another length is read still (reader.next)
	return &reader{csv: c, cols: cols, now: now, format: format, layout: layout, times: timeLayouts(layout),
		swapped: dayMonthSwapped(format), region: region}, nil
}

// separator tells the file's column separator from its header line: a
// comma when the header holds one, else a semicolon (the CSV of French
// Excel), else a tab. The header is only peeked at: the CSV reader still
// reads it, and counts the file's lines from its start.
func separator(br *bufio.Reader) (rune, error) {
	head, err := br.Peek(br.Size())
	if err != nil && !errors.Is(err, io.EOF) { // EOF: a file shorter than the buffer
		return 0, err
	}
	head, _, _ = bytes.Cut(head, []byte("\n"))
	for _, sep := range []byte{',', ';', '\t'} {
		if bytes.IndexByte(head, sep) >= 0 {
			return rune(sep), nil
		}
	}
	return ',', nil
}

// fileRow is one customer of the file as read, with what the report says
// about its values.
type fileRow struct {
	store.ImportRow
	leftOut     []string // values that break a size or character rule, and phone extensions, not stored
	notes       []string // what else the report says of the row: a row shorter than the header
	windows1252 int64    // values that were not UTF-8, read as Windows-1252
}

// next returns the next row with its line number, and why it is rejected
// when it is ("" for a good row). It returns io.EOF at the end, and another
// error only when the file cannot be read at all.
func (r *reader) next() (fileRow, string, error) {
	rec, err := r.csv.Read()
	if errors.Is(err, io.EOF) {
		return fileRow{}, "", io.EOF
	}
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		return fileRow{ImportRow: store.ImportRow{Line: int64(perr.StartLine)}}, perr.Err.Error(), nil
	}
	if err != nil {
		return fileRow{}, "", err
	}
	line, _ := r.csv.FieldPos(0)
	got := len(rec)
	rec, extra := r.fit(rec)
	row, why := r.parseRow(rec)
	row.Line = int64(line)
	switch {
	case extra > 0:
		row.leftOut = append(row.leftOut, fmt.Sprintf("the row has %d values where the header has %d columns: the %d past them are not stored (a separator inside a value not quoted shifts the columns after it)", got, len(r.cols), extra))
	case got < len(r.cols):
		row.notes = append(row.notes, fmt.Sprintf("the row has %d values where the header has %d columns: the last %d read as empty", got, len(r.cols), len(r.cols)-got))
	}
	return row, why, nil
}

// fit makes a row as long as the header, so that its customer is never
// lost to its length: a row cut short (a spreadsheet leaves trailing
// empty cells out) reads the columns it lacks as empty, and a row longer
// than the header reads its first columns and says how many values past
// them were not empty.
func (r *reader) fit(rec []string) ([]string, int) {
	if len(rec) < len(r.cols) {
		return append(rec, make([]string, len(r.cols)-len(rec))...), 0
	}
	extra := 0
	for _, v := range rec[len(r.cols):] {
		if strings.TrimSpace(v) != "" {
			extra++
		}
	}
	return rec[:len(r.cols)], extra
}

// column is where a header column goes: a core field, or an attribute.
type column struct {
	field string // one of Columns, or "" for an attribute
	attr  string
}

// name is the column's name in reports: the field, or attributes.KEY.
func (col column) name() string {
	if col.field == "" {
		return "attributes." + col.attr
	}
	return col.field
}

// parseHeader matches the known names and prefixes in any case, and keeps
// attribute keys as written: the API keeps their case too. sep is the
// file's separator, which a bad name may tell was the wrong one.
func parseHeader(header []string, sep rune) ([]column, error) {
	cols := make([]column, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		key, isAttr := cutPrefixFold(h, "attributes.")
		if !isAttr {
			key, isAttr = cutPrefixFold(h, "attr.")
		}
		switch {
		case slices.Contains(Columns, strings.ToLower(h)):
			cols[i].field = strings.ToLower(h)
		case isAttr:
			if !matcher.ValidAttributeKey(key) {
				return nil, fmt.Errorf("column %q in the header: attribute names are 1-64 letters, digits, '_', '-' or '.'%s", h, separatorHint(h, sep))
			}
			cols[i].attr = key
		default:
			return nil, fmt.Errorf("unknown column %q in the header (known: %s, attributes.KEY)%s", h, strings.Join(Columns, ", "), separatorHint(h, sep))
		}
		if seen[cols[i].name()] {
			return nil, fmt.Errorf("column %q appears twice in the header", h)
		}
		seen[cols[i].name()] = true
	}
	return cols, nil
}

// separatorHint explains a column name that holds a separator: the header
// mixes them, and sep, the one the file is read with, is not the one meant.
func separatorHint(name string, sep rune) string {
	if !strings.ContainsAny(name, ";\t") {
		return ""
	}
	seps := map[rune]string{',': "commas", ';': "semicolons", '\t': "tabs"}
	return fmt.Sprintf("; the file is read as separated by %s (commas when the header holds one, else semicolons, else tabs)", seps[sep])
}

// cutPrefixFold is strings.CutPrefix ignoring the case of an ASCII prefix.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// parseRow reads one row. A value it cannot read (a date in another
// format, a date that does not exist, an invalid email or phone number) is
// kept as given and noted in Kept; a value that breaks a rule of sizes and
// characters is left out and noted in leftOut, and so is the extension
// after a valid phone number ("ext 12", "x12", "#12"), which a profile
// does not store: the number is stored without it. Neither is a reason to drop
// the customer: a row is refused only when it is empty, or when every
// value in it is left out.
func (r *reader) parseRow(rec []string) (fileRow, string) {
	var row fileRow
	c := &row.Customer
	empty, stored := true, false
	var numbers [][2]string // the phone columns' names and values
	for i, col := range r.cols {
		v, decoded := fromWindows1252(rec[i])
		if decoded {
			row.windows1252++
		}
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		empty = false
		switch col.field {
		case "created_at":
			t, ok := r.createdAt(v)
			if !ok || t.Year() < 1900 || t.After(r.now) {
				row.Kept = append(row.Kept, fmt.Sprintf("created_at written %s is not an RFC 3339 time or a date in the file's format (a time may follow), nor a past one: the profile is dated the import", shape(v)))
				continue
			}
			row.CreatedAt = t
		case "birth_date":
			// A birth date kept as given is not a date, so it is checked
			// as text only.
			if fe := matcher.CheckText("birth_date", v, matcher.MaxShort); fe != nil {
				row.leftOut = append(row.leftOut, fe.Message)
				continue
			}
			stored = true
			d, ok := r.birthDate(v)
			if why := r.birthDateProblem(d, ok); why != "" {
				row.Kept = append(row.Kept, fmt.Sprintf("birth_date written %s %s", shape(v), why))
				c.BirthDate = v
				continue
			}
			c.BirthDate = d.Format(time.DateOnly)
		default:
			if col.field == "" && len(c.Attributes) == matcher.MaxAttributes {
				row.leftOut = append(row.leftOut, fmt.Sprintf("%s is beyond the %d attributes a customer may have", col.name(), matcher.MaxAttributes))
				continue
			}
			if col.field == "address.country" {
				v = matcher.CountryCodeIn(v, r.region)
			}
			// The value alone is checked with the API's rules, so each
			// value that breaks one is left out on its own.
			var alone matcher.Customer
			col.set(&alone, v)
			if fe := matcher.CheckCustomer(alone, r.now); fe != nil {
				row.leftOut = append(row.leftOut, fe.Message)
				continue
			}
			col.set(c, v)
			stored = true
			// The value is never printed: contact details stay out of logs.
			switch col.field {
			case "email":
				if matcher.NormalizeEmail(v).Problem == matcher.ProblemInvalid {
					row.Kept = append(row.Kept, "email is not a valid email address")
				}
			case "mobile", "phone":
				numbers = append(numbers, [2]string{col.field, v}) // read once the address's country is known
			}
		}
	}
	for _, n := range numbers {
		normalize := matcher.NormalizeCustomerPhone
		if n[0] == "mobile" {
			normalize = matcher.NormalizeCustomerMobile // as the import will store it
		}
		switch p := normalize(n[1], c.Address, r.region); {
		case p.Problem == matcher.ProblemInvalid:
			row.Kept = append(row.Kept, fmt.Sprintf("%s is not a valid phone number in region %s", n[0], strings.Join(matcher.PhoneRegions(c.Address, r.region), " or ")))
		case p.Extension != "":
			// A profile stores the number alone, in E.164.
			row.leftOut = append(row.leftOut, fmt.Sprintf("the extension after the %s number is not stored, only the number", n[0]))
		}
	}
	if empty {
		return row, "the row is empty"
	}
	if !stored && len(row.leftOut) > 0 {
		return row, "nothing could be imported: " + strings.Join(row.leftOut, "; ")
	}
	return row, ""
}

// fromWindows1252 decodes a value that is not valid UTF-8 as Windows-1252,
// the encoding Excel on Windows saves CSV files in: otherwise every
// accented name of such a file would be left out. It reports whether it
// did. A UTF-8 value is returned as it is, so a UTF-8 file reads as ever;
// a byte Windows-1252 does not define becomes U+FFFD, which the checks
// then refuse.
func fromWindows1252(v string) (string, bool) {
	if utf8.ValidString(v) {
		return v, false
	}
	s, err := charmap.Windows1252.NewDecoder().String(v)
	if err != nil { // never: every byte decodes to something
		return v, false
	}
	return s, true
}

// createdAt reads a creation time: an RFC 3339 time, or one of r.times,
// in UTC, its date also as matcher.TidyDate writes it (2021. 03. 05.
// 14:30 in a YYYY.MM.DD file), a year of the Buddhist era in the Common
// Era (matcher.CommonEra).
func (r *reader) createdAt(v string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, true
	}
	v = matcher.CommonEra(v) // 2564-03-05 10:05, as a Thai file writes it
	for _, v := range writings(v, tidyTime(v)) {
		for _, layout := range r.times {
			if t, err := time.Parse(layout, v); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// timeOfDay is the time after a creation date: 14:30, 14:30:05.
var timeOfDay = regexp.MustCompile(`\s(\d{1,2}:\d{2}(:\d{2})?)$`)

// tidyTime is a creation time with its date as matcher.TidyDate writes it.
func tidyTime(v string) string {
	if p := timeOfDay.FindStringSubmatchIndex(v); p != nil {
		return matcher.TidyDate(v[:p[0]]) + " " + v[p[2]:p[3]]
	}
	return matcher.TidyDate(v)
}

// writings are a value as given and as tidied, once each.
func writings(given, tidied string) []string {
	if tidied == given {
		return []string{given}
	}
	return []string{given, tidied}
}

// birthDate reads a birth date in the file's format, or an RFC 3339 time,
// whose date is taken as written (systems that store a birth date as a
// time write midnight, in their own zone), or an ISO date, which no other
// format reads otherwise. The file's order with other separators reads
// too (17-02-1963 in a DD/MM/YYYY file, as a file typed by hand mixes
// them), and with a two-digit year (17/02/63), whose century is the latest
// that does not put the birth in the future. A date written with dots and
// its year last (30.09.2000) reads day first in any file, a Swedish
// personal number of twelve digits (20000930-2427) as its date (its four
// last digits are not kept), and a date whose words say which number is
// the month (16 agosto 1962, 1962年8月16日: matcher.ReadDateInWords) as
// they say, each also as matcher.TidyDate writes it (1988. 12. 24. in a
// YYYY.MM.DD file, 14.12.1977 г. in a DD.MM.YYYY one), and a year of the
// Buddhist era, as Thai files write it, in the Common Era
// (matcher.CommonEra: 15/08/2543 is 2000-08-15), a lunar Hijri date
// marked as one (15/08/1405 هـ), a date of Ethiopia's calendar marked as
// one (21/08/1966 E.C.) and, in Taiwan's files, a year of the Republic of
// China first (74/05/12: matcher.ReadCalendarDate). Digits
// in another format (19560409 in a DD/MM/YYYY file) are not guessed at:
// --date-format says how to read them.
func (r *reader) birthDate(v string) (time.Time, bool) {
	v = matcher.CommonEra(matcher.ASCIIDigits(v)) // ٠٤/٠٦/٢٠٠٣, as Egyptian keyboards type it; 15/08/2543, as Thai ones write it
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	if s, ok := matcher.ReadCalendarDate(v, r.region); ok {
		d, err := time.Parse(time.DateOnly, s)
		return d, err == nil // 15/08/1405 هـ, 21/08/1966 E.C. in any file, 74/05/12 in Taiwan's: the calendar's own writing
	}
	if d, ok := r.solarDate(v); ok {
		return d, true
	}
	for _, v := range writings(v, matcher.TidyDate(v)) {
		if d, ok := r.dateIn(v); ok {
			if s, ok := matcher.FromHijri(d.Year(), int(d.Month()), d.Day(), r.region); ok {
				return s, true // 13640123 in a YYYYMMDD file
			}
			return d, true
		}
	}
	return time.Time{}, false
}

// solarDate reads a date of three numbers whose year is of a Hijri
// calendar, as Iranian files write a birth date (1364/01/23, 23/01/1364)
// in the Solar one and Saudi files in the lunar one, in the file's order,
// or year first when its first number has four digits: matcher.FromHijri,
// in the calendar of the file's region. Its day may be one the Common
// Era's month has not (1364/02/31), which Go's layouts would refuse.
func (r *reader) solarDate(v string) (time.Time, bool) {
	nums := strings.FieldsFunc(v, func(c rune) bool { return c < '0' || c > '9' })
	order := strings.FieldsFunc(strings.ToUpper(r.format), func(c rune) bool { return !unicode.IsLetter(c) })
	if len(nums) != 3 || len(order) != 3 {
		return time.Time{}, false
	}
	if len(nums[0]) == 4 {
		order = []string{"YYYY", "MM", "DD"}
	}
	var y, m, d int
	for i, part := range order {
		n, _ := strconv.Atoi(nums[i])
		switch part[0] {
		case 'Y':
			if len(nums[i]) != 4 {
				return time.Time{}, false
			}
			y = n
		case 'M':
			m = n
		case 'D':
			d = n
		}
	}
	return matcher.FromHijri(y, m, d, r.region)
}

// dateIn is birthDate for a date as given or tidied.
func (r *reader) dateIn(v string) (time.Time, bool) {
	for _, layout := range []string{r.layout, time.DateOnly} {
		if d, err := time.Parse(layout, v); err == nil {
			return r.century(d, layout), true
		}
		if d, err := time.Parse(layout, sameSeparators(v, layout)); err == nil {
			return r.century(d, layout), true
		}
	}
	if short := strings.Replace(r.layout, "2006", "06", 1); short != r.layout {
		if d, err := time.Parse(short, sameSeparators(v, short)); err == nil {
			return r.century(d, short), true
		}
	}
	if d, err := time.Parse("2.1.2006", v); err == nil {
		return d, true // 30.09.2000: dots and a year of four digits last write the day first everywhere
	}
	if date, serial, ok := strings.Cut(v, "-"); ok && len(date) == 8 && len(serial) == 4 && allDigits(serial) {
		if d, err := time.Parse("20060102", date); err == nil {
			return d, true // a Swedish personal number, 20000930-2427: the date, not the number
		}
	}
	if s, ok := matcher.ReadDateInWords(v); ok {
		d, err := time.Parse(time.DateOnly, s)
		return d, err == nil // 16 agosto 1962: the month's name says which number is the day
	}
	if r.swapped != "" {
		// 19/03/1965 in an MM/DD/YYYY file: no month 19, so the day
		// comes first, as the API reads it too. A date that reads the
		// file's way never gets here.
		if d, err := time.Parse(r.swapped, sameSeparators(v, r.swapped)); err == nil {
			return r.century(d, r.swapped), true
		}
	}
	return time.Time{}, false
}

// dayMonthSwapped is the layout of the date format with its day and month
// the other way round (MM/DD/YYYY for DD/MM/YYYY), "" when it has not
// both.
func dayMonthSwapped(format string) string {
	f := strings.ToUpper(format)
	if !strings.Contains(f, "DD") || !strings.Contains(f, "MM") {
		return ""
	}
	layout, err := readLayout(strings.NewReplacer("DD", "MM", "MM", "DD").Replace(f))
	if err != nil {
		return ""
	}
	return layout
}

func allDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// century puts a date read with a two-digit year (layout "06", which Go
// reads as 1969–2068) in the latest century that leaves it in the past:
// 17/02/63 is 1963, 17/02/15 is 2015.
func (r *reader) century(d time.Time, layout string) time.Time {
	if strings.Contains(layout, "2006") || !strings.Contains(layout, "06") {
		return d
	}
	y := 2000 + d.Year()%100
	if y > r.now.Year() || y == r.now.Year() && d.YearDay() > r.now.YearDay() {
		y -= 100
	}
	return time.Date(y, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// sameSeparators writes the separators of date v (/, - or .) as layout
// writes its own, when layout uses one kind throughout; v is returned as
// it is otherwise.
func sameSeparators(v, layout string) string {
	seps := strings.Map(func(r rune) rune {
		if strings.ContainsRune("/-.", r) {
			return r
		}
		return -1
	}, layout)
	if seps == "" || strings.Count(seps, seps[:1]) != len(seps) {
		return v
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("/-.", r) {
			return rune(seps[0])
		}
		return r
	}, v)
}

// birthDateProblem says why a birth date is kept as given, or "" when it
// is not: a date that does not read tells a wrong --date-format, one that
// reads but cannot be a birth date tells a mistyped year.
func (r *reader) birthDateProblem(d time.Time, ok bool) string {
	switch {
	case !ok:
		return fmt.Sprintf("is not a date in the file's format (%s)", r.format)
	case d.Year() < 1900:
		return "is a date before 1900"
	case d.After(r.now):
		return "is a date in the future"
	}
	return ""
}

// shape is how a value is written without the value itself: each digit a
// 9, each letter an a, the rest as it is ("31/02/1990" is 99/99/9999). A
// birth date is personal data, so the report shows its shape, which is
// what tells a wrong --date-format.
func shape(v string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsDigit(r):
			return '9'
		case unicode.IsLetter(r):
			return 'a'
		}
		return r
	}, v)
}

// set puts a text value of column col into c: any column but the dates.
func (col column) set(c *matcher.Customer, v string) {
	switch col.field {
	case "":
		if c.Attributes == nil {
			c.Attributes = map[string]string{}
		}
		c.Attributes[col.attr] = v
	case "first_name":
		c.FirstName = v
	case "last_name":
		c.LastName = v
	case "email":
		c.Email = v
	case "mobile":
		c.Mobile = v
	case "phone":
		c.Phone = v
	case "gender":
		c.Gender = v
	case "locale":
		c.Locale = v
	case "address.line1", "address.line2", "address.postal_code", "address.city", "address.country":
		if c.Address == nil {
			c.Address = &matcher.Address{}
		}
		switch col.field {
		case "address.line1":
			c.Address.Line1 = v
		case "address.line2":
			c.Address.Line2 = v
		case "address.postal_code":
			c.Address.PostalCode = v
		case "address.city":
			c.Address.City = v
		default:
			c.Address.Country = v
		}
	}
}
