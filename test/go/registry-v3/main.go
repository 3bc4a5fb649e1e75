// Command registry-v3 runs the upstream CNCF distribution v3 registry for tagpilot's tests
// (v3 implements tag-list pagination with n/last and Link, which Debian's 2.8 lacks).
package main

import (
	_ "github.com/distribution/distribution/v3/registry/storage/driver/filesystem"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/inmemory"
	"github.com/distribution/distribution/v3/registry"
)

func main() {
	registry.RootCmd.Execute()
}
