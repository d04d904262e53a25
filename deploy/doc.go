// Package deploy holds the deployment files (compose, Prometheus, Grafana,
// the PostgreSQL settings of a small machine) and the tests that validate them.
package deploy
