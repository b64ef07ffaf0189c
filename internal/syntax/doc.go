// Package syntax parses JavaScript, TypeScript and TSX with tree-sitter and flattens each tree into plain Go
// memory (Tree: nodes in pre-order with parent and subtree size). It is the only package that touches
// tree-sitter; everything downstream reads Trees.
//
// # Living with tree-sitter (smacker/go-tree-sitter, tree-sitter runtime ≈0.22, TS grammar 0.21.2)
//
//   - Trees and cursors are C memory that Go's GC does not see. A tree that is not deleted leaks (the
//     feasibility study measured 2.6 GB after 50k parses relying on finalizers). Parse therefore builds,
//     walks and deletes the tree inside one cgo call (al_parse); no tree-sitter object ever reaches Go.
//   - smacker's Go wrappers cache every Node in a per-tree map that is not goroutine-safe and cost ~430 ns
//     per visited node. Calling the C API directly (declarations in parser.go, definitions linked from the
//     smacker packages) walks a tree at C speed with one cgo call per file.
//   - A parser is single-threaded: one Parser per goroutine. Flattened Trees are immutable and may be read
//     from any goroutine.
//   - The walk is iterative with a heap stack, so 10,000-deep nesting cannot overflow the C stack; Go-side
//     traversals (Tree.Walk) are iterative too.
//   - Anonymous punctuation is dropped and type-level syntax is collapsed to a single node (see collapsed in
//     kind.go): analysis needs values, not types, and this halves the node count of typical TypeScript.
//     Comments are stored apart (Tree.Comments) so that they never appear among a node's children.
//   - Known grammar gaps (feasibility §2.2): variance annotations (`in`/`out` type parameters), `static
//     accessor`, `<T>x` casts in .tsx. These yield local ERROR nodes; the rest of the file is usable.
//   - `using x = …` parses as an assignment expression, not a declaration.
package syntax
