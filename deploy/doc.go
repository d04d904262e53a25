// Package deploy holds the deployment files (compose, Prometheus, Grafana) and the tests that validate them.
package deploy
