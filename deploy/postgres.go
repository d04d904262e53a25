package deploy

import (
	_ "embed"
	"strings"
)

//go:embed postgres-small.conf
var smallMachineConf string

// SmallMachinePostgres returns the settings of postgres-small.conf as
// name=value, the form of `postgres -c`: those of a PostgreSQL that shares
// a small machine with dedupe.
func SmallMachinePostgres() []string {
	var settings []string
	for line := range strings.Lines(smallMachineConf) {
		line, _, _ = strings.Cut(line, "#")
		name, value, ok := strings.Cut(line, "=")
		if ok {
			settings = append(settings, strings.TrimSpace(name)+"="+strings.TrimSpace(value))
		}
	}
	return settings
}
