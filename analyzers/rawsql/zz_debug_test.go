package rawsql

import (
	"fmt"
	"os"
	"testing"

	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/syntax"
)

func TestDebugConst(t *testing.T) {
	dir, file, fn := os.Getenv("DBG_DIR"), os.Getenv("DBG_FILE"), os.Getenv("DBG_FN")
	if dir == "" {
		t.Skip()
	}
	target, err := discover.Locate([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := discover.Discover(target, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := project.Load(repo, project.Options{})
	k := newChecker(p)
	f := p.Files[file]
	if f == nil {
		t.Fatal("no file")
	}
	b := f.Bindings[fn]
	for _, s := range k.callersOf(f, b.Func) {
		args := s.f.ArgList(s.c)
		fmt.Println(s.f.Path, s.f.Tree.Text(s.c.Node)[:40])
		for i, a := range args {
			fmt.Println("  arg", i, k.constant(s.f, a, nil, maxDepth), k.constant(s.f, a, []string{"*", "internal"}, maxDepth), s.f.Tree.Kind(a) == syntax.Identifier)
		}
	}
}

func TestDebugSub(t *testing.T) {
	dir, file, sub := os.Getenv("DBG_DIR"), os.Getenv("DBG_FILE"), os.Getenv("DBG_SUB")
	if dir == "" {
		t.Skip()
	}
	target, _ := discover.Locate([]string{dir})
	repo, _ := discover.Discover(target, discover.Options{})
	p := project.Load(repo, project.Options{})
	k := newChecker(p)
	f := p.Files[file]
	tr := f.Tree
	tr.Walk(tr.Root(), func(n syntax.NodeID) bool {
		if tr.Text(n) == sub {
			fmt.Println(tr.Kind(n), k.constant(f, n, nil, maxDepth))
			for d := 14; d > 0; d-- {
				if !k.constant(f, n, nil, d) {
					fmt.Println("fails at depth", d)
					break
				}
			}
		}
		return true
	})
}
