package store

import (
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
)

// TestStringUUIDsInBinary checks that ids given as strings are written in
// binary at once, and that a string that is no canonical uuid still fails
// in binary, so that pgx sends it as text and PostgreSQL refuses it as
// before.
func TestStringUUIDsInBinary(t *testing.T) {
	const id = "0193a5c4-1111-7222-8333-444455556666"
	want := []byte{0x01, 0x93, 0xa5, 0xc4, 0x11, 0x11, 0x72, 0x22, 0x83, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x66}
	m := pgtype.NewMap()
	if _, err := m.Encode(pgtype.UUIDArrayOID, pgtype.BinaryFormatCode, []string{id}, nil); err == nil {
		t.Fatal("pgx's own map encodes a string uuid in binary: the codec may no longer be needed")
	}
	registerStringUUIDs(m)
	got, err := m.Encode(pgtype.UUIDOID, pgtype.BinaryFormatCode, id, nil)
	if err != nil || string(got) != string(want) {
		t.Fatalf("uuid from a string = %x, %v; want %x", got, err, want)
	}
	s := id
	for _, v := range []any{[]string{id, id}, []*string{&s, nil}} {
		if _, err := m.Encode(pgtype.UUIDArrayOID, pgtype.BinaryFormatCode, v, nil); err != nil {
			t.Errorf("uuid[] from %T: %v", v, err)
		}
	}
	for _, bad := range []string{"", "not-a-uuid", "urn:uuid:" + id, "{" + id + "}", "0193a5c41111722283334444555566 66"} {
		if _, err := m.Encode(pgtype.UUIDOID, pgtype.BinaryFormatCode, bad, nil); err == nil {
			t.Errorf("%q encoded in binary; want an error, so that PostgreSQL judges it as text", bad)
		}
		if _, err := m.Encode(pgtype.UUIDOID, pgtype.TextFormatCode, bad, nil); err != nil {
			t.Errorf("%q in text: %v", bad, err)
		}
	}
	var back string
	if err := m.Scan(pgtype.UUIDOID, pgtype.BinaryFormatCode, want, &back); err != nil || back != id {
		t.Errorf("scanned %q, %v; want %q", back, err, id)
	}
}
