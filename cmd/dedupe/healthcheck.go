package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// HealthcheckCommand probes a URL and succeeds when it answers 2xx: the
// container images have no shell or curl, so the binary checks itself.
type HealthcheckCommand struct{ m *Main }

// Run runs `dedupe healthcheck`.
func (c *HealthcheckCommand) Run(ctx context.Context, args []string) error {
	cl := c.m.cmdline("healthcheck", "[--url URL]",
		`Exit 0 when URL answers 2xx within 5 seconds, 1 otherwise: a health check
for containers, whose image has no shell or curl.`,
		"dedupe healthcheck --url http://localhost:8080/healthz")
	url := cl.fs.String("url", "http://127.0.0.1:8080/healthz", "the `URL` to probe")
	if _, err := cl.parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return cl.invalid("url", err)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" || req.URL.Host == "" {
		return cl.invalid("url", errors.New("want an http:// or https:// URL with a host"))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s answered %s", *url, resp.Status)
	}
	return nil
}
