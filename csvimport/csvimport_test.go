package csvimport_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"dedupe/csvimport"
	"dedupe/internal/storetest"
	"dedupe/store"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// file makes a customer file of n distinct people.
func file(n int) []byte {
	var b bytes.Buffer
	b.WriteString("first_name,last_name,email,mobile,birth_date,attr.member_code\n")
	for i := range n {
		fmt.Fprintf(&b, "Client%d,Nom%d,client%d@mail.fr,06%08d,1980-01-%02d,M-%d\n", i, i, i, 20000000+i*7, 1+i%28, i)
	}
	return b.Bytes()
}

// failingFile fails its second pass (the rows) after limit bytes, as a
// crash in the middle of an import would stop it.
type failingFile struct {
	*bytes.Reader
	passes, read, limit int
}

func (f *failingFile) Seek(off int64, whence int) (int64, error) {
	f.passes++
	return f.Reader.Seek(off, whence)
}

func (f *failingFile) Read(p []byte) (int, error) {
	if f.passes > 0 && f.read >= f.limit {
		return 0, errors.New("disk went away")
	}
	n, err := f.Reader.Read(p)
	f.read += n
	return n, err
}

func count(t *testing.T, s *store.Store, sql string) int {
	t.Helper()
	var n int
	if err := s.Pool().QueryRow(context.Background(), sql).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		data := "first_name,email,mobile,birth_date,created_at\n" +
			"Camille,camille@example.fr,06 12 34 56 78,1990-04-02,2019-05-01\n" +
			"Bad,bad@example.fr,,1990-13-40,\n" +
			",,,,\n" +
			"Lucas,not-an-email,12,,\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects}, "f.csv", strings.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		// The customers with a birth date that does not read, an invalid
		// email and an invalid mobile are imported, the values kept as
		// given and reported; only the empty row goes.
		if rep.Imported != 3 || rep.Rejected != 1 || rep.Kept != 3 {
			t.Fatalf("report = %+v, want 3 imported, 1 rejected, 3 values kept as given", rep)
		}
		if !strings.Contains(rejects.String(), `line 3: birth_date written 9999-99-99 is not a date in the file's format (YYYY-MM-DD); kept as given, imported`) ||
			!strings.Contains(rejects.String(), "line 4: the row is empty") {
			t.Fatalf("rejects = %q", rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Bad' AND birth_date = '1990-13-40'`); n != 1 {
			t.Fatal("the birth date was not kept as given")
		}
		var created time.Time
		if err := s.Pool().QueryRow(ctx, `SELECT created_at FROM profiles WHERE first_name = 'Camille'`).Scan(&created); err != nil {
			t.Fatal(err)
		}
		if !created.Equal(time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("created_at = %v, want the file's 2019-05-01", created)
		}
		if n := count(t, s, `SELECT count(*) FROM contact_points WHERE value = '+33612345678' AND valid AND is_primary`); n != 1 {
			t.Fatalf("the mobile is not a normalised primary contact point (%d)", n)
		}
		if n := count(t, s, `SELECT count(*) FROM contact_points WHERE value = 'not-an-email' AND NOT valid`); n != 1 {
			t.Fatal("the invalid email was not stored as given")
		}
	})
	t.Run("Address", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		data := "first_name,email,address.line1,address.postal_code,address.city,address.country\n" +
			"Camille,camille@example.fr,12 rue des Lilas,75011,Paris,fr\n" +
			"Lucas,lucas@example.fr,,,,\n"
		if rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID}, "f.csv", strings.NewReader(data)); err != nil || rep.Imported != 2 {
			t.Fatalf("import = %+v, %v", rep, err)
		}
		var addr string
		if err := s.Pool().QueryRow(ctx, `SELECT address::text FROM profiles WHERE first_name = 'Camille'`).Scan(&addr); err != nil {
			t.Fatal(err)
		}
		if addr != `{"city": "Paris", "line1": "12 rue des Lilas", "country": "FR", "postal_code": "75011"}` {
			t.Fatalf("address = %s", addr)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Lucas' AND address = '{}'`); n != 1 {
			t.Fatal("a row without an address got one")
		}
	})
	t.Run("DateFormat", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		data := "first_name,birth_date,created_at\n" +
			"Ana,31/01/1990,15/06/2019\n" +
			"Bea,31/02/1990,\n" +
			"Cleo,19560409,yesterday\n" +
			"Dina,17-02-1963,\n" +
			"Eva,5.3.1980,\n" +
			"Fe,17/02/63,\n" +
			"Gil,15/07/15,\n" +
			"Hugo,1990-04-02,\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "DD/MM/YYYY"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 8 || rep.Rejected != 0 || rep.Kept != 3 {
			t.Fatalf("import = %+v, %v; want 8 imported and 3 values kept as given\n%s", rep, err, rejects.String())
		}
		// Another separator in the file's order reads, an ISO date too,
		// and a two-digit year in the latest century that leaves the
		// birth in the past (Go alone would read 63 as 2063).
		for name, want := range map[string]string{"Ana": "1990-01-31", "Bea": "31/02/1990", "Cleo": "19560409",
			"Dina": "1963-02-17", "Eva": "1980-03-05", "Fe": "1963-02-17", "Gil": "2015-07-15", "Hugo": "1990-04-02"} {
			if n := count(t, s, fmt.Sprintf(`SELECT count(*) FROM profiles WHERE first_name = '%s' AND birth_date = '%s'`, name, want)); n != 1 {
				t.Errorf("%s's birth date is not %q", name, want)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Ana' AND created_at = '2019-06-15'`); n != 1 {
			t.Error("created_at was not read in the file's format")
		}
		if !strings.Contains(rejects.String(), `line 4: created_at written aaaaaaaaa`) {
			t.Errorf("rejects = %q", rejects.String())
		}
		if _, err := csvimport.DateLayout("MM/YYYY"); err == nil {
			t.Error("a format without a day was accepted")
		}
	})
	t.Run("NordicDates", func(t *testing.T) {
		// In a file of ISO dates, a date with dots and its year last reads
		// day first, and a Swedish personal number as its date alone.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salong", "SE")
		data := "first_name,birth_date\n" +
			"Ida,30.09.2000\n" +
			"Gustav,20000930-2427\n" +
			"Nils,2000-09-30\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID}, "f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 3 || rep.Kept != 0 {
			t.Fatalf("import = %+v, %v; want 3 imported, none kept as given", rep, err)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '2000-09-30'`); n != 3 {
			t.Errorf("%d of 3 birth dates read as 2000-09-30", n)
		}
	})
	t.Run("DatesWithTheirFrills", func(t *testing.T) {
		// A Hungarian file writes its dates with spaces after the dots and
		// a dot after the day (1988. 12. 24.), its creation times so too,
		// and a Bulgarian one the word for year after the date
		// (14.12.1977 г.): the same digits in the file's order.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "szalon", "HU")
		data := "first_name,birth_date,created_at\n" +
			"Anna,1988. 12. 24.,2021. 03. 05. 14:30\n" +
			"Éva,1988.12.24.,2021.03.05.\n" +
			"Kati,1988.12.24,2021.03.05 14:30:00\n" +
			"Ivana,24.12.1988 г.,\n"
		var rejects bytes.Buffer
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "YYYY.MM.DD"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 4 || rep.Kept != 0 {
			t.Fatalf("import = %+v, %v; want 4 imported, none kept as given\n%s", rep, err, rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '1988-12-24'`); n != 4 {
			t.Errorf("%d of 4 birth dates read as 1988-12-24", n)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE created_at = '2021-03-05 14:30:00+00'`); n != 2 {
			t.Errorf("%d of 2 creation times read as 2021-03-05 14:30", n)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Éva' AND created_at = '2021-03-05'`); n != 1 {
			t.Error("a creation date with a dot after its day was not read")
		}
	})
	t.Run("BuddhistEra", func(t *testing.T) {
		// A Thai file writes its years in the Buddhist era, 543 ahead,
		// and its months by their Thai names.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "ran", "TH")
		data := "first_name,birth_date,created_at\n" +
			"Somchai,15/08/2543,05/03/2564 10:05\n" +
			"Siriporn,15 ส.ค. 2543,\n" +
			"Nok,15/08/2000,\n"
		var rejects bytes.Buffer
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "DD/MM/YYYY"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 3 || rep.Kept != 0 {
			t.Fatalf("import = %+v, %v; want 3 imported, none kept as given\n%s", rep, err, rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '2000-08-15'`); n != 3 {
			t.Errorf("%d of 3 birth dates read as 2000-08-15", n)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE created_at = '2021-03-05 10:05:00+00'`); n != 1 {
			t.Error("a creation time in the Buddhist era was not read")
		}
	})
	t.Run("DayAndMonthTheOtherWay", func(t *testing.T) {
		// A US file of month-first dates holds some written day first,
		// as the customers' home countries write them: a date that
		// cannot be read the file's way, and can the other, reads so.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon-houston", "US")
		data := "first_name,birth_date\n" +
			"Maricel,08/13/1945\n" +
			"Bereket,19/03/1965\n" +
			"Vinh,12/09/1969\n" +
			"Nadia,31/02/1990\n"
		var rejects bytes.Buffer
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "MM/DD/YYYY"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 4 || rep.Kept != 1 {
			t.Fatalf("import = %+v, %v; want 4 imported, one kept as given (no 31 February either way)\n%s", rep, err, rejects.String())
		}
		for first, want := range map[string]string{"Maricel": "1945-08-13", "Bereket": "1965-03-19", "Vinh": "1969-12-09", "Nadia": "31/02/1990"} {
			if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = '`+first+`' AND birth_date = '`+want+`'`); n != 1 {
				t.Errorf("%s's birth date not read as %s", first, want)
			}
		}
	})
	t.Run("SolarHijri", func(t *testing.T) {
		// An Iranian file writes its birth dates in the Solar Hijri
		// calendar, in the file's order or year first, with a day the
		// Common Era's February has not (31 Ordibehesht), in Persian
		// digits or with the month's Persian name.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon-tehran", "IR")
		data := "first_name,birth_date\n" +
			"Reza,23/01/1364\n" +
			"Zahra,1364/01/23\n" +
			"Ali,۲۳/۰۱/۱۳۶۴\n" +
			"Maryam,۲۳ فروردین ۱۳۶۴\n" +
			"Sara,12/04/1985\n" +
			"Hossein,31/02/1364\n" +
			"Mina,31/07/1364\n"
		var rejects bytes.Buffer
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "DD/MM/YYYY"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 7 || rep.Kept != 1 {
			t.Fatalf("import = %+v, %v; want 7 imported, 31 Mehr (no such day) kept as given\n%s", rep, err, rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '1985-04-12'`); n != 5 {
			t.Errorf("%d of 5 birth dates read as 1985-04-12", n)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Hossein' AND birth_date = '1985-05-21'`); n != 1 {
			t.Error("31 Ordibehesht 1364 was not read as 1985-05-21")
		}
	})
	t.Run("LunarHijri", func(t *testing.T) {
		// A Saudi file writes its birth dates in the lunar Hijri calendar,
		// unmarked or with its هـ, or the month by its name; a marked one
		// reads so in any file.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon-riyadh", "SA")
		other := storetest.MustTenant(t, s, "salon-dubai", "AE")
		data := "first_name,birth_date\n" +
			"Noura,15/08/1405\n" +
			"Sara,1405/08/15\n" +
			"Reem,١٥/٠٨/١٤٠٥هـ\n" +
			"Hessa,15 شعبان 1405\n" +
			"Lulwa,05/05/1985\n" +
			"Fahad,30/12/1405\n"
		var rejects bytes.Buffer
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "DD/MM/YYYY"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 6 || rep.Kept != 1 {
			t.Fatalf("import = %+v, %v; want 6 imported, 30 Dhu al-Hijjah 1405 (no such day) kept as given\n%s", rep, err, rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '1985-05-05'`); n != 5 {
			t.Errorf("%d of 5 birth dates read as 1985-05-05", n)
		}
		data = "first_name,birth_date\n" + "Noura,15/08/1405 هـ\n"
		if rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: other.ID, DateFormat: "DD/MM/YYYY"},
			"g.csv", strings.NewReader(data)); err != nil || rep.Imported != 1 || rep.Kept != 0 {
			t.Fatalf("import in the Emirates = %+v, %v; want the marked date read", rep, err)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE tenant_id = '`+other.ID+`' AND birth_date = '1985-05-05'`); n != 1 {
			t.Error("a date marked هـ did not read in the lunar Hijri calendar outside Saudi Arabia")
		}
	})
	t.Run("Ethiopian", func(t *testing.T) {
		// An Ethiopian file writes some birth dates in Ethiopia's calendar,
		// with its mark or the month by its name, beside the Common Era's.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon-addis", "ET")
		data := "first_name,birth_date\n" +
			"Tigist,21/08/1966 E.C.\n" +
			"Hirut,21/08/1966 ዓ.ም.\n" +
			"Meseret,ሚያዝያ 21 1966 ዓ.ም.\n" +
			"Selam,Miazia 21 1966\n" +
			"Liya,29/04/1974\n" +
			"Aster,06/13/1998 E.C.\n"
		var rejects bytes.Buffer
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "DD/MM/YYYY"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 6 || rep.Kept != 1 {
			t.Fatalf("import = %+v, %v; want 6 imported, the sixth of Pagume 1998 (no such day) kept as given\n%s", rep, err, rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '1974-04-29'`); n != 5 {
			t.Errorf("%d of 5 birth dates read as 1974-04-29", n)
		}
	})
	t.Run("RepublicOfChina", func(t *testing.T) {
		// A Taiwanese file writes its years in the Republic's, year first,
		// or with 民國.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon-taipei", "TW")
		data := "first_name,birth_date\n" +
			"建宏,74/05/12\n" +
			"美玲,074/05/12\n" +
			"志明,民國74年5月12日\n" +
			"淑芬,1985/05/12\n"
		var rejects bytes.Buffer
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "YYYY/MM/DD"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 4 || rep.Kept != 0 {
			t.Fatalf("import = %+v, %v; want 4 imported, none kept as given\n%s", rep, err, rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '1985-05-12'`); n != 4 {
			t.Errorf("%d of 4 birth dates read as 1985-05-12", n)
		}
	})
	t.Run("DatesInWords", func(t *testing.T) {
		// In a DD/MM/YYYY file, a date that names its month (in Arabic
		// too: Morocco's غشت, Algeria's أوت, the Levant's آب, Egypt's
		// أغسطس), or writes 年月日, reads as its words say, and
		// Arabic-Indic digits as the file's format reads ASCII ones;
		// digits in another format (19620816) are kept as given, as
		// --date-format tells how to read them.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salone", "IT")
		data := "first_name,birth_date\n" +
			"Ida,16/08/1962\n" +
			"Gina,16 agosto 1962\n" +
			"Ayşe,16 Ağustos 1962\n" +
			"Yuki,1962年8月16日\n" +
			"Nour,١٦/٠٨/١٩٦٢\n" +
			"Salma,16 غشت 1962\n" +
			"Amina,16 أوت 1962\n" +
			"Rana,16 آب 1962\n" +
			"Hala,١٦ أغسطس ١٩٦٢م\n" +
			"Min,19620816\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, DateFormat: "DD/MM/YYYY"}, "f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 10 || rep.Kept != 1 {
			t.Fatalf("import = %+v, %v; want 10 imported, the digits of another format kept as given", rep, err)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '1962-08-16'`); n != 9 {
			t.Errorf("%d of 9 birth dates read as 1962-08-16", n)
		}
	})
	t.Run("InvalidContactsAreReported", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		data := "first_name,email,mobile,phone\n" +
			"Camille,camille@example.fr,06 12 34 56 78,01 42 68 53 00\n" +
			"Lucas,lucas@@example,06 12,+33 1\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects}, "f.csv", strings.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Imported != 2 || rep.Rejected != 0 || rep.Kept != 3 || rep.LeftOut != 0 {
			t.Fatalf("report = %+v, want 2 imported and 3 values kept as given", rep)
		}
		want := "line 3: email is not a valid email address; kept as given, imported\n" +
			"line 3: mobile is not a valid phone number in region FR; kept as given, imported\n" +
			"line 3: phone is not a valid phone number in region FR; kept as given, imported\n"
		if rejects.String() != want {
			t.Fatalf("rejects = %q, want %q", rejects.String(), want)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Lucas' AND email = 'lucas@@example' AND mobile = '06 12' AND phone = '+33 1'`); n != 1 {
			t.Fatal("the invalid contact details were not kept as given")
		}
		if n := count(t, s, `SELECT count(*) FROM contact_points WHERE value IN ('lucas@@example', '06 12', '+33 1') AND NOT valid`); n != 3 {
			t.Fatalf("%d invalid contact points stored as given and not valid, want 3", n)
		}
	})
	t.Run("PhoneExtensionsAreReported", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "US")
		var rejects bytes.Buffer
		data := "first_name,mobile,phone\n" +
			"Ann,303-283-6500 ext 729,303-283-6501 x12\n" +
			"Bob,(303) 283-6502,303-283-6503 ext. 12\n" +
			"Cat,303-283-6504 #12,\n" +
			"Dan,+1 303 283 6505,\n" +
			"Eve,303-28 ext 5,\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects}, "f.csv", strings.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		// The extensions are reported and counted as left out; the numbers
		// are stored without them, and are match keys. An invalid number
		// with an extension is kept as given, as any invalid number.
		if rep.Imported != 5 || rep.Rejected != 0 || rep.LeftOut != 4 || rep.Kept != 1 {
			t.Fatalf("report = %+v, want 5 imported, 4 values left out, 1 kept as given", rep)
		}
		want := "line 2: the extension after the mobile number is not stored, only the number; left out, imported\n" +
			"line 2: the extension after the phone number is not stored, only the number; left out, imported\n" +
			"line 3: the extension after the phone number is not stored, only the number; left out, imported\n" +
			"line 4: the extension after the mobile number is not stored, only the number; left out, imported\n" +
			"line 6: mobile is not a valid phone number in region US; kept as given, imported\n"
		if rejects.String() != want {
			t.Fatalf("rejects = %q, want %q", rejects.String(), want)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Ann' AND mobile = '+13032836500' AND phone = '+13032836501'`); n != 1 {
			t.Fatal("the numbers were not stored without their extensions")
		}
		if n := count(t, s, `SELECT count(*) FROM contact_points WHERE value IN ('+13032836500', '+13032836501', '+13032836503', '+13032836504') AND valid`); n != 4 {
			t.Fatalf("%d valid contact points without the extension, want 4", n)
		}
	})
	t.Run("PhoneWithANoteIsKeptAsGiven", func(t *testing.T) {
		// A note after a number makes it no number: kept as given,
		// reported, and not a match key.
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "GB")
		var rejects bytes.Buffer
		data := "first_name,mobile\nAnn,07911 123456 (mum)\nBob,07911 123457\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects}, "f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 2 || rep.Kept != 1 || rep.LeftOut != 0 {
			t.Fatalf("import = %+v, %v; want 2 imported, 1 value kept as given\n%s", rep, err, rejects.String())
		}
		if want := "line 2: mobile is not a valid phone number in region GB; kept as given, imported\n"; rejects.String() != want {
			t.Fatalf("rejects = %q, want %q", rejects.String(), want)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles p JOIN contact_points c ON c.profile_id = p.id
			WHERE p.first_name = 'Ann' AND p.mobile = '07911 123456 (mum)' AND c.value = '07911 123456 (mum)' AND NOT c.valid`); n != 1 {
			t.Fatal("the number with a note was not kept as given, as no key")
		}
	})
	t.Run("AttributeKeysKeepTheirCase", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		data := "First_Name,EMAIL,Attributes.MemberCode,ATTR.loyalty_Points,Address.City\n" +
			"Camille,camille@example.fr,A-17,12,Paris\n"
		if rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID}, "f.csv", strings.NewReader(data)); err != nil || rep.Imported != 1 {
			t.Fatalf("import = %+v, %v", rep, err)
		}
		var keys string
		if err := s.Pool().QueryRow(ctx, `SELECT string_agg(k, ',' ORDER BY k) FROM profiles, jsonb_object_keys(attributes) k WHERE first_name = 'Camille'
			AND email = 'camille@example.fr' AND address->>'city' = 'Paris'`).Scan(&keys); err != nil {
			t.Fatal(err)
		}
		if keys != "MemberCode,loyalty_Points" {
			t.Fatalf("attribute keys = %q, want MemberCode,loyalty_Points as the header writes them", keys)
		}
		for header, want := range map[string]string{
			"attr.Code,attributes.Code": `column "attributes.Code" appears twice`,
			"attributes.code membre":    `column "attributes.code membre" in the header: attribute names are`,
		} {
			_, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID}, "f.csv", strings.NewReader(header+"\nx\n"))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("header %q: err = %v, want %q", header, err, want)
			}
		}
	})
	t.Run("BadValuesAreLeftOut", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		long := strings.Repeat("a", 201)
		// \x81 is neither UTF-8 nor Windows-1252.
		data := "first_name,last_name,email,address.city,attributes.notes,attributes.member_code\n" +
			"Camille," + long + ",camille@example.fr,Par\x81is,\"first visit\nprefers mornings\",A-17\n" + // lines 2 and 3
			"Lucas\x01,Martin,,,,\n" +
			"\x00,,,,,\n" +
			"Zoe,,,,,\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects}, "f.csv", strings.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		// Each value that breaks a rule is left out and reported; the
		// customer is imported without it. Only the row left with nothing
		// is refused.
		if rep.Imported != 3 || rep.Rejected != 1 || rep.LeftOut != 3 || rep.Kept != 0 || rep.Windows1252 != 1 {
			t.Fatalf("report = %+v, want 3 imported, 1 rejected, 3 values left out, 1 read as Windows-1252", rep)
		}
		want := "line 2: last_name is longer than 200 characters; left out, imported\n" +
			"line 2: address.city contains control characters or invalid UTF-8; left out, imported\n" +
			"line 4: first_name contains control characters or invalid UTF-8; left out, imported\n" +
			"line 5: nothing could be imported: first_name contains control characters or invalid UTF-8\n"
		if rejects.String() != want {
			t.Fatalf("rejects = %q, want %q", rejects.String(), want)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Camille' AND last_name = '' AND email = 'camille@example.fr'
			AND address = '{}' AND attributes->'member_code'->>'value' = 'A-17'
			AND attributes->'notes'->>'value' = E'first visit\nprefers mornings'`); n != 1 {
			t.Fatal("Camille was not imported without her bad values, with her notes on their two lines")
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = '' AND last_name = 'Martin'`); n != 1 {
			t.Fatal("Lucas was not imported without his first name")
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Zoe'`); n != 1 {
			t.Fatal("the row after the refused one was not imported")
		}
	})
	t.Run("AttributesBeyondTheLimitAreLeftOut", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		header, values := []string{"first_name"}, []string{"Camille"}
		for i := range 51 {
			header, values = append(header, fmt.Sprintf("attributes.a%02d", i)), append(values, "x")
		}
		data := strings.Join(header, ",") + "\n" + strings.Join(values, ",") + "\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects}, "f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 1 || rep.LeftOut != 1 {
			t.Fatalf("import = %+v, %v; want 1 imported and 1 value left out", rep, err)
		}
		if want := "line 2: attributes.a50 is beyond the 50 attributes a customer may have; left out, imported\n"; rejects.String() != want {
			t.Fatalf("rejects = %q, want %q", rejects.String(), want)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles, jsonb_object_keys(attributes) WHERE first_name = 'Camille'`); n != 50 {
			t.Fatalf("%d attributes stored, want 50", n)
		}
	})
	t.Run("Separators", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		// French Excel separates with semicolons, and some exports with
		// tabs; a comma inside a value is then no separator.
		for _, data := range []string{
			"first_name;last_name;address.city\nCamille;Martin;\"Paris, 11e\"\nLucas;Petit;Lyon\n",
			"first_name\tlast_name\taddress.city\nCamille\tMartin\tParis, 11e\nLucas\tPetit\tLyon\n",
		} {
			rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID}, "f.csv", strings.NewReader(data))
			if err != nil || rep.Imported != 2 || rep.Rejected != 0 || rep.LeftOut != 0 {
				t.Fatalf("import of %q = %+v, %v; want 2 imported", data, rep, err)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Camille' AND last_name = 'Martin' AND address->>'city' = 'Paris, 11e'`); n != 2 {
			t.Fatalf("%d profiles read whole from the two files, want 2", n)
		}
		// A header that holds a comma is read with commas; a column name
		// holding another separator says so.
		_, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID}, "f.csv", strings.NewReader("first_name,last_name;email\nA,b;c\n"))
		if err == nil || !strings.Contains(err.Error(), `unknown column "last_name;email"`) || !strings.Contains(err.Error(), "separated by commas") {
			t.Fatalf("err = %v, want an unknown column that hints at the separator", err)
		}
	})
	t.Run("Windows1252", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		// Excel on Windows writes Windows-1252: é is the byte E9, ü FC.
		data := "first_name,last_name,address.city\n" +
			"Ren\xe9e,L\xe9ger,Orl\xe9ans\n" +
			"Zo\xe9,M\xfcller,Paris\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects}, "f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 2 || rep.LeftOut != 0 || rep.Kept != 0 || rep.Windows1252 != 5 {
			t.Fatalf("import = %+v, %v; want 2 imported, nothing left out, 5 values read as Windows-1252\n%s", rep, err, rejects.String())
		}
		if rejects.Len() > 0 {
			t.Fatalf("rejects = %q, want nothing said line by line", rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE (first_name, last_name, address->>'city') IN
			(('Renée', 'Léger', 'Orléans'), ('Zoé', 'Müller', 'Paris'))`); n != 2 {
			t.Fatalf("%d profiles with their accents, want 2", n)
		}
		// A UTF-8 file reads as before, its bytes never taken for
		// Windows-1252 ones.
		rep, err = csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID}, "g.csv", strings.NewReader("first_name,last_name\nChloé,Bénard\n"))
		if err != nil || rep.Imported != 1 || rep.Windows1252 != 0 {
			t.Fatalf("import = %+v, %v; want 1 imported, nothing read as Windows-1252", rep, err)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Chloé' AND last_name = 'Bénard'`); n != 1 {
			t.Fatal("a UTF-8 file did not read as UTF-8")
		}
	})
	t.Run("CreatedAtWithATime", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		data := "first_name,created_at\n" +
			"Ana,2021-03-04 10:22:00\n" +
			"Bea,2021-03-04 10:22\n" +
			"Cleo,04/03/2021 10:22:00\n" +
			"Dan,04/03/2021 10:22\n" +
			"Eve,2021-03-04T11:22:00+01:00\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, DateFormat: "DD/MM/YYYY"},
			"f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 5 || rep.Kept != 0 {
			t.Fatalf("import = %+v, %v; want 5 imported, nothing kept as given\n%s", rep, err, rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE created_at = '2021-03-04 10:22:00+00'`); n != 5 {
			t.Fatalf("%d profiles created 2021-03-04 10:22 UTC, want 5", n)
		}
	})
	t.Run("BirthDates", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		now := func() time.Time { return time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC) }
		data := "first_name,birth_date\n" +
			"Ana,1990-4-2\n" +
			"Bea,1990-04-02T00:00:00Z\n" +
			"Cleo,1990-04-02T00:30:00+02:00\n" +
			"Dan,1850-01-01\n" +
			"Eve,2030-01-01\n" +
			"Fay,1990-4-31\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, Now: now}, "f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 6 || rep.Kept != 3 {
			t.Fatalf("import = %+v, %v; want 6 imported, 3 kept as given\n%s", rep, err, rejects.String())
		}
		if n := count(t, s, `SELECT count(*) FROM profiles WHERE birth_date = '1990-04-02'`); n != 3 {
			t.Fatalf("%d profiles born 1990-04-02, want 3 (a one-digit month and day, RFC 3339 times as written)", n)
		}
		want := "line 5: birth_date written 9999-99-99 is a date before 1900; kept as given, imported\n" +
			"line 6: birth_date written 9999-99-99 is a date in the future; kept as given, imported\n" +
			"line 7: birth_date written 9999-9-99 is not a date in the file's format (YYYY-MM-DD); kept as given, imported\n"
		if rejects.String() != want {
			t.Fatalf("rejects = %q, want %q", rejects.String(), want)
		}
		// With separators, a format reads one-digit days and months;
		// without, it cannot tell them apart, and does not.
		rejects.Reset()
		data = "first_name,birth_date\nGus,2/4/1990\n"
		rep, err = csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, Now: now, DateFormat: "DD/MM/YYYY"}, "g.csv", strings.NewReader(data))
		if err != nil || rep.Kept != 0 || count(t, s, `SELECT count(*) FROM profiles WHERE first_name = 'Gus' AND birth_date = '1990-04-02'`) != 1 {
			t.Fatalf("import = %+v, %v; want Gus born 1990-04-02\n%s", rep, err, rejects.String())
		}
		data = "first_name,birth_date\nHal,199042\n"
		rep, err = csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects, Now: now, DateFormat: "YYYYMMDD"}, "h.csv", strings.NewReader(data))
		if err != nil || rep.Kept != 1 {
			t.Fatalf("import = %+v, %v; want 199042 kept as given\n%s", rep, err, rejects.String())
		}
	})
	t.Run("CountryNames", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		var rejects bytes.Buffer
		data := "first_name,address.country\n" +
			"Ana,France\nBea,FRANCE\nCleo,FRA\nDan,fr\n" +
			"Eve,allemagne\nFay,Deutschland\nGus,DEU\n" +
			"Hal,España\nIda,Etats-Unis\nJon,Vereinigtes Königreich\n" +
			"Kim,Z\n" +
			"Lea,U.S.A.\nMia,England\nNed,UK\nOla,United States of America\nPam,Holland\nRex,D\nSue,A\n"
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, Rejects: &rejects}, "f.csv", strings.NewReader(data))
		if err != nil || rep.Imported != 18 || rep.LeftOut != 1 {
			t.Fatalf("import = %+v, %v; want 18 imported, 1 value left out\n%s", rep, err, rejects.String())
		}
		var got string
		if err := s.Pool().QueryRow(ctx, `SELECT string_agg(first_name || '=' || coalesce(address->>'country', ''), ' ' ORDER BY first_name) FROM profiles`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := "Ana=FR Bea=FR Cleo=FR Dan=FR Eve=DE Fay=DE Gus=DE Hal=ES Ida=US Jon=GB Kim= Lea=US Mia=GB Ned=GB Ola=US Pam=NL Rex=DE Sue=AT"; got != want {
			t.Fatalf("countries %s, want %s", got, want)
		}
		if want := "line 12: address.country must be a country: an ISO 3166 alpha-2 code such as FR, an alpha-3 code such as FRA, or its name (France, España); left out, imported\n"; rejects.String() != want {
			t.Fatalf("rejects = %q, want %q", rejects.String(), want)
		}
	})
	t.Run("ErrUnknownColumn", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		_, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID}, "f.csv", strings.NewReader("first_name,password\nA,x\n"))
		if err == nil || !strings.Contains(err.Error(), `unknown column "password"`) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ResumesAfterACrash", func(t *testing.T) {
		s := storetest.MustOpen(t, store.Config{})
		tn := storetest.MustTenant(t, s, "salon", "FR")
		data := file(2500)
		crashing := &failingFile{Reader: bytes.NewReader(data), limit: len(data) / 2}
		_, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, BatchSize: 100}, "f.csv", crashing)
		if err == nil {
			t.Fatal("the crashing import succeeded")
		}
		partial := count(t, s, `SELECT count(*) FROM profiles`)
		if partial == 0 || partial >= 2500 {
			t.Fatalf("%d profiles after the crash, want some but not all", partial)
		}
		rep, err := csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, BatchSize: 100}, "f.csv", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Resumed || rep.FromLine <= 2 || rep.Imported != 2500 {
			t.Fatalf("report = %+v, want a resumed import of 2500 rows in all", rep)
		}
		if n := count(t, s, `SELECT count(*) FROM profiles`); n != 2500 {
			t.Fatalf("%d profiles, want 2500: a row was imported twice or skipped", n)
		}
		if n := count(t, s, `SELECT count(DISTINCT attributes->'member_code'->>'value') FROM profiles`); n != 2500 {
			t.Fatalf("%d distinct rows imported, want 2500", n)
		}
		if rep.AlreadyDone {
			t.Fatal("a resumed import says the file was imported already")
		}
		// Once done, the file is imported already: a third run reads
		// nothing, and says so.
		rep, err = csvimport.Import(ctx, csvimport.Config{Store: s, TenantID: tn.ID, BatchSize: 100}, "f.csv", bytes.NewReader(data))
		if err != nil || !rep.AlreadyDone || rep.Imported != 2500 {
			t.Fatalf("import = %+v, %v; want the file imported already, 2500 rows", rep, err)
		}
	})
}

// TestImportMemoryIsFlat imports a file in batches and checks that the
// heap after the last batches is no larger than after the first ones: the
// import streams, so a file ten times longer needs no more memory.
func TestImportMemoryIsFlat(t *testing.T) {
	s := storetest.MustOpen(t, store.Config{})
	tn := storetest.MustTenant(t, s, "salon", "FR")
	const rows, batch = 10000, 500
	var samples []uint64
	progress := writerFunc(func(p []byte) (int, error) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		samples = append(samples, ms.HeapAlloc)
		return len(p), nil
	})
	_, err := csvimport.Import(context.Background(), csvimport.Config{Store: s, TenantID: tn.ID, BatchSize: batch,
		Progress: progress, ProgressEvery: batch}, "f.csv", bytes.NewReader(file(rows)))
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) < 10 {
		t.Fatalf("%d heap samples, want at least 10", len(samples))
	}
	early, late := maxOf(samples[1:4]), maxOf(samples[len(samples)-3:])
	t.Logf("heap after early batches %d KiB, after the last ones %d KiB", early>>10, late>>10)
	if late > early+early/2+(1<<20) {
		t.Fatalf("heap grew from %d KiB to %d KiB over the import", early>>10, late>>10)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func maxOf(xs []uint64) uint64 {
	var m uint64
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

var _ io.ReadSeeker = (*failingFile)(nil)
