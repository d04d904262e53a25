package store

import (
	"errors"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// The store passes ids as strings, and arrays of ids as []string or
// []*string. pgx sends a uuid array in binary unless its encoder fails,
// and it has no binary encoder for a string: each such argument was
// encoded twice, binary first, failing with a formatted error, then as
// text, which PostgreSQL then parsed. That was about 3% of the worker's
// CPU at a booking's pace (docs/performance.md section 62).
// registerStringUUIDs gives each connection's type map a uuid codec that
// writes a string id in binary at once.

// stringUUIDCodec is pgx's uuid codec, which also encodes a string in
// binary. A string that is no uuid fails here as before, so pgx falls
// back to text and PostgreSQL refuses it with its own error.
type stringUUIDCodec struct{ pgtype.UUIDCodec }

func (c stringUUIDCodec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if _, ok := value.(string); ok && format == pgtype.BinaryFormatCode {
		return encodeStringUUID{}
	}
	return c.UUIDCodec.PlanEncode(m, oid, format, value)
}

type encodeStringUUID struct{}

var errNotCanonicalUUID = errors.New("not a uuid in its canonical form")

func (encodeStringUUID) Encode(value any, buf []byte) ([]byte, error) {
	s := value.(string)
	if len(s) != 36 { // the canonical form only: uuid.Parse reads forms PostgreSQL refuses
		return nil, errNotCanonicalUUID
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return nil, err
	}
	return append(buf, id[:]...), nil
}

// registerStringUUIDs replaces uuid and uuid[] in m (a connection's type
// map) with types built on stringUUIDCodec.
func registerStringUUIDs(m *pgtype.Map) {
	t := &pgtype.Type{Name: "uuid", OID: pgtype.UUIDOID, Codec: stringUUIDCodec{}}
	m.RegisterType(t)
	m.RegisterType(&pgtype.Type{Name: "_uuid", OID: pgtype.UUIDArrayOID, Codec: &pgtype.ArrayCodec{ElementType: t}})
}
