package store

import (
	"testing"
	"time"
)

// A look-up that read the database before a change must not fill the
// cache after the change was notified: it would bring a revoked token back.
func TestTokenCacheRefusesAFillFromBeforeAChange(t *testing.T) {
	c := &tokenCache{entries: map[string]cachedToken{}, now: time.Now}
	c.reset(true)
	hash := hashToken("ddp_x")
	_, gen, ok := c.get(hash)
	if ok {
		t.Fatal("empty cache answered")
	}
	c.invalidate() // a notification arrives while the database is read
	c.put(hash, Token{ID: "t"}, gen)
	if _, _, ok := c.get(hash); ok {
		t.Fatal("a fill from before the change was kept")
	}
	_, gen, _ = c.get(hash)
	c.put(hash, Token{ID: "t"}, gen)
	if tok, _, ok := c.get(hash); !ok || tok.ID != "t" {
		t.Fatal("a fill under the current generation was not kept")
	}
	c.reset(false) // the listener's connection is lost
	if _, _, ok := c.get(hash); ok {
		t.Fatal("the cache answered while nobody listened")
	}
	_, gen, _ = c.get(hash)
	c.put(hash, Token{ID: "t"}, gen)
	if _, _, ok := c.get(hash); ok {
		t.Fatal("the cache was filled while nobody listened")
	}
}

func TestTokenCacheExpires(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	c := &tokenCache{entries: map[string]cachedToken{}, now: func() time.Time { return now }}
	c.reset(true)
	hash := hashToken("ddp_x")
	_, gen, _ := c.get(hash)
	c.put(hash, Token{ID: "t"}, gen)
	now = now.Add(tokenTTL - time.Second)
	if _, _, ok := c.get(hash); !ok {
		t.Fatal("expired early")
	}
	now = now.Add(time.Second)
	if _, _, ok := c.get(hash); ok {
		t.Fatal("kept past its time to live")
	}
}
