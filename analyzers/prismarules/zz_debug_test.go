package prismarules

import (
	"fmt"
	"os"
	"testing"

	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/project"
)

func TestZZDebug(t *testing.T) {
	dir := os.Getenv("ZZREPO")
	if dir == "" {
		t.Skip()
	}
	target, _ := discover.Locate([]string{dir})
	repo, _ := discover.Discover(target, discover.Options{})
	p := project.Load(repo, project.Options{})
	cs := newClients(p)
	n, yes := 0, 0
	for _, path := range p.Paths() {
		f := p.Files[path]
		for i := range f.Calls {
			c := &f.Calls[i]
			parts := splitChain(c.Callee)
			if len(parts) < 3 {
				continue
			}
			if _, ok := queryMethods[parts[len(parts)-1]]; !ok {
				continue
			}
			n++
			ok := cs.isClient(f, c.Node, parts[:len(parts)-2])
			if ok {
				yes++
			}
			if os.Getenv("ZZV") != "" {
				fmt.Println(ok, path, c.Callee)
			}
		}
	}
	fmt.Println("files", len(p.Files), "candidate calls", n, "client yes", yes)
}
