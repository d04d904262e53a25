package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pipelined runs f in a transaction written by hand on one connection of
// pool, so that BEGIN and COMMIT travel in the same round trips as the
// statements: with pgx.BeginFunc each costs one of its own. begin is the
// statements that open the transaction ({"BEGIN"}, {"BEGIN READ ONLY"},
// beginGeneric, …).
//
// f sends the statements in batches, in order: tx.send sends a batch with
// begin in front when it is the transaction's first, tx.commit sends the
// last with COMMIT behind, so a transaction of one batch is one round
// trip. The read function given with a batch reads its results in the
// order they were queued, and only those: begin's and COMMIT's results
// are read here, and whatever read leaves unread is read (and its error
// reported) after it. A statement that cannot wait for a batch, because
// it depends on what the previous one read, goes through tx.QueryRow.
//
// When f returns nil without calling tx.commit, COMMIT is sent alone after
// it. When f, a statement or the COMMIT fails, the transaction is rolled
// back before the connection goes back to the pool (which would close a
// connection left in a transaction) and the first error is returned. A
// batch sent with tx.commit commits when its statements succeed, whatever
// its read function then answers.
//
// A read-only search in one round trip:
//
//	err := pipelined(ctx, s.pool, []string{"BEGIN READ ONLY"}, func(tx *pipelinedTx) error {
//		b := &pgx.Batch{}
//		b.Queue(`SET LOCAL pg_trgm.similarity_threshold = 0.5`)
//		b.Queue(`SELECT id FROM profiles WHERE …`, args...)
//		return tx.commit(ctx, b, func(br pgx.BatchResults) error {
//			if _, err := br.Exec(); err != nil { // SET LOCAL
//				return err
//			}
//			rows, _ := br.Query()
//			ids, err = pgx.CollectRows(rows, pgx.RowTo[string])
//			return err
//		})
//	})
//
// A transaction that reads, decides, then writes (Ingest): tx.send(ctx,
// reads, readThem), then tx.commit(ctx, writes, nil).
func pipelined(ctx context.Context, pool *pgxpool.Pool, begin []string, f func(tx *pipelinedTx) error) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	tx := &pipelinedTx{conn: conn, begin: begin}
	err = f(tx)
	if err == nil && tx.begun && !tx.committed {
		_, err = conn.Exec(ctx, "COMMIT")
	}
	if conn.Conn().PgConn().TxStatus() != 'I' { // in a transaction, or a failed one
		// A ROLLBACK that fails leaves the connection out of the idle
		// state, and the pool closes such a connection on Release.
		_, _ = conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
	}
	return err
}

// beginGeneric opens the worker's transactions (Ingest, IngestBatch) with
// PostgreSQL's generic plans for every statement. Their statements are
// written so that the plan does not depend on the values bound: each
// look-up is an index probe, whatever the statistics say
// (TestHotPathPlansIgnoreStaleStatistics). Yet under plan_cache_mode=auto
// the server planned the matching statement and the batch's two look-ups
// anew on every execution: a generic plan of unnest($2::text[]) is costed
// for an array of unknown length, dearer than the custom plans of two or
// three keys, so auto never settles on it. That planning was a fifth of
// the server's CPU in a soak (docs/performance.md, section 15).
var beginGeneric = []string{"BEGIN", "SET LOCAL plan_cache_mode = force_generic_plan"}

// pipelinedTx is the transaction pipelined hands to its function.
type pipelinedTx struct {
	conn      *pgxpool.Conn
	begin     []string
	begun     bool // begin was sent
	committed bool
}

// send sends b, behind the transaction's begin when it is the first batch,
// and reads its results with read (which may be nil).
func (tx *pipelinedTx) send(ctx context.Context, b *pgx.Batch, read func(pgx.BatchResults) error) error {
	return tx.sendBatch(ctx, b, false, read)
}

// commit sends b (which may be nil) with COMMIT behind it, and reads its
// results with read (which may be nil). It ends the transaction.
func (tx *pipelinedTx) commit(ctx context.Context, b *pgx.Batch, read func(pgx.BatchResults) error) error {
	return tx.sendBatch(ctx, b, true, read)
}

// QueryRow runs one statement in the transaction, begun first if need be.
// It makes the transaction a querier.
func (tx *pipelinedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if !tx.begun {
		if err := tx.send(ctx, nil, nil); err != nil {
			return errRow{err}
		}
	}
	return tx.conn.QueryRow(ctx, sql, args...)
}

func (tx *pipelinedTx) sendBatch(ctx context.Context, b *pgx.Batch, commit bool, read func(pgx.BatchResults) error) error {
	if tx.committed {
		return errors.New("pipelined transaction: a batch sent after COMMIT")
	}
	all := &pgx.Batch{}
	begin := !tx.begun
	if begin {
		for _, sql := range tx.begin {
			all.Queue(sql)
		}
	}
	if b != nil {
		all.QueuedQueries = append(all.QueuedQueries, b.QueuedQueries...)
	}
	if commit {
		all.Queue("COMMIT")
	}
	br := tx.conn.SendBatch(ctx, all)
	tx.begun = true
	if begin {
		for range tx.begin {
			if _, err := br.Exec(); err != nil {
				_ = br.Close() // the error that stopped the batch is err
				return fmt.Errorf("begin: %w", err)
			}
		}
	}
	var err error
	if read != nil {
		err = read(br)
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err == nil && commit {
		tx.committed = true
	}
	return err
}

// errRow is a row whose Scan answers an error.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
