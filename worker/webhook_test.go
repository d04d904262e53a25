package worker

import (
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestWebhookReach: https:// reaches public addresses, or any when private
// endpoints are allowed; http:// only then, and only private or loopback
// ones (DESIGN.md, Webhooks). The rule is checked on the address dialled.
func TestWebhookReach(t *testing.T) {
	for _, c := range []struct {
		url          string
		allowPrivate bool
		addr         string
		want         string // "" allowed; else a word of the refusal
	}{
		{"https://crm.example.com/h", false, "93.184.216.34:443", ""},
		{"https://crm.example.com/h", false, "127.0.0.1:443", "not a public address"},
		{"https://crm.example.com/h", false, "10.0.0.8:443", "not a public address"},
		{"https://crm.example.com/h", true, "127.0.0.1:443", ""},
		{"https://crm.example.com/h", true, "93.184.216.34:443", ""},
		{"http://crm.internal/h", true, "10.0.0.8:80", ""},
		{"http://crm.internal/h", true, "[::1]:80", ""},
		{"http://crm.example.com/h", true, "93.184.216.34:80", "is a public address"},
		{"http://crm.example.com/h", false, "10.0.0.8:80", "DEDUPE_WEBHOOK_ALLOW_PRIVATE"},
		{"ftp://crm.example.com/h", true, "10.0.0.8:21", "bad endpoint URL"},
	} {
		u, _ := url.Parse(c.url)
		r, err := reachOf(u, c.allowPrivate)
		if err == nil {
			err = r.control("tcp", c.addr, nil)
		}
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s (allow private %v) to %s: %v; want it allowed", c.url, c.allowPrivate, c.addr, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s (allow private %v) to %s: %v; want a refusal saying %q", c.url, c.allowPrivate, c.addr, err, c.want)
		}
	}
	// Without a reach in the request's context, public addresses only.
	var none reach
	if none.control("tcp", "127.0.0.1:443", nil) == nil {
		t.Error("the zero reach allows loopback; want public addresses only")
	}
}

func TestCheckWebhookURL(t *testing.T) {
	for _, c := range []struct {
		url          string
		allowPrivate bool
		ok           bool
	}{
		{"https://crm.example.com/hooks", false, true},
		{"https://93.184.216.34/hooks", false, true},
		{"https://127.0.0.1/hooks", false, false},
		{"https://localhost/hooks", false, false},
		{"http://crm.example.com/hooks", false, false},
		{"https://127.0.0.1/hooks", true, true},
		{"http://127.0.0.1:8080/hooks", true, true},
		{"http://10.1.2.3/hooks", true, true},
		{"http://crm.internal/hooks", true, true}, // checked where it resolves
		{"http://93.184.216.34/hooks", true, false},
		{"https://user:pw@crm.example.com/hooks", true, false},
	} {
		if err := CheckWebhookURL(c.url, c.allowPrivate); (err == nil) != c.ok {
			t.Errorf("CheckWebhookURL(%s, allow private %v) = %v; want accepted %v", c.url, c.allowPrivate, err, c.ok)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		header string
		want   time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{"0", 0},
		{"-5", 0},
		{"999999999", maxWebhookRetryDelay},
		{"Wed, 02 Dec 2026 10:05:00 GMT", 5 * time.Minute},
		{"Wed, 02 Dec 2026 09:00:00 GMT", 0},
		{"soon", 0},
	} {
		if got := retryAfter(c.header, now); got != c.want {
			t.Errorf("retryAfter(%q) = %s, want %s", c.header, got, c.want)
		}
	}
}

func TestPublicAddr(t *testing.T) {
	for addr, public := range map[string]bool{
		"93.184.216.34":         true,
		"2606:2800:220:1::":     true,
		"127.0.0.1":             false,
		"10.1.2.3":              false,
		"169.254.169.254":       false,
		"100.64.0.1":            false,
		"0.0.0.0":               false,
		"0.1.2.3":               false,
		"::1":                   false,
		"fd00::1":               false,
		"::ffff:127.0.0.1":      false,
		"64:ff9b::7f00:1":       false, // NAT64 of 127.0.0.1
		"64:ff9b::a9fe:a9fe":    false, // NAT64 of 169.254.169.254
		"64:ff9b::5db8:d822":    true,  // NAT64 of 93.184.216.34
		"2002:a01:203::1":       false, // 6to4 of 10.1.2.3
		"2002:5db8:d822::1":     true,  // 6to4 of 93.184.216.34
		"2002:7f00:1:0:0:0:0:1": false, // 6to4 of 127.0.0.1
	} {
		if got := PublicAddr(netip.MustParseAddr(addr)); got != public {
			t.Errorf("PublicAddr(%s) = %v, want %v", addr, got, public)
		}
	}
}
