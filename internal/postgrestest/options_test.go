package postgrestest

import (
	"strings"
	"testing"
)

func TestStartWith(t *testing.T) {
	t.Run("Durable", func(t *testing.T) {
		t.Parallel()
		s, err := StartWith(t.Context(), Options{Durable: true, Settings: []string{"track_commit_timestamp=on"}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Error(err)
			}
		})
		conn := mustConnect(t, s.URL("postgres"))
		var fsync, syncCommit, fpw, commitTS string
		err = conn.QueryRow(t.Context(), `SELECT current_setting('fsync'), current_setting('synchronous_commit'),
			current_setting('full_page_writes'), current_setting('track_commit_timestamp')`).Scan(&fsync, &syncCommit, &fpw, &commitTS)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join([]string{fsync, syncCommit, fpw, commitTS}, " "); got != "on on on on" {
			t.Errorf("fsync, synchronous_commit, full_page_writes, track_commit_timestamp = %q, want all on", got)
		}
	})

	t.Run("ErrBadSetting", func(t *testing.T) {
		t.Parallel()
		if s, err := StartWith(t.Context(), Options{Settings: []string{"fsync"}}); err == nil {
			s.Close()
			t.Fatal("StartWith accepted a setting without a value")
		}
	})
}
