package syntax

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

// The subset of tree-sitter's C API (lib/include/tree_sitter/api.h of the runtime vendored by
// github.com/smacker/go-tree-sitter) that archlint calls. The definitions are linked from that module's
// cgo objects; the declarations must match the vendored api.h exactly.
typedef struct TSLanguage TSLanguage;
typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
void ts_parser_set_timeout_micros(TSParser *self, uint64_t timeout_micros);
void ts_parser_reset(TSParser *self);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
void ts_tree_delete(TSTree *self);
TSNode ts_tree_root_node(const TSTree *self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *self);
TSSymbol ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_has_error(TSNode self);
uint32_t ts_language_symbol_count(const TSLanguage *self);
const char *ts_language_symbol_name(const TSLanguage *self, TSSymbol symbol);
int ts_language_symbol_type(const TSLanguage *self, TSSymbol symbol);
uint32_t ts_language_field_count(const TSLanguage *self);
const char *ts_language_field_name_for_id(const TSLanguage *self, TSFieldId id);

// One kept node, in pre-order. Mirrors the Go type Node field for field.
typedef struct {
	uint16_t kind;
	uint8_t  field;
	uint8_t  flags;
	uint32_t start;
	uint32_t end;
	int32_t  parent;
	int32_t  size;
} al_node;

typedef struct {
	al_node  *nodes;
	int32_t   n, cap;
	uint32_t *comments; // start,end pairs
	int32_t   nc, capc;
	int32_t   errors;       // ERROR and MISSING nodes seen
	int32_t   first_error;  // byte offset of the first one, -1 if none
	int32_t   first_missing; // 1 if the first error is a MISSING node
	int32_t   status;       // 0 ok, 1 parse failed (timeout), 2 out of memory
} al_result;

enum { ACT_DROP = 0, ACT_KEEP = 1, ACT_COLLAPSE = 2, ACT_COMMENT = 3, ACT_ERROR = 4 };
enum { FLAG_NAMED = 1, FLAG_MISSING = 2, FLAG_ERROR = 4 };

static int al_push(al_result *r, al_node nd) {
	if (r->n == r->cap) {
		int32_t nc = r->cap ? r->cap * 2 : 1024;
		al_node *p = realloc(r->nodes, (size_t)nc * sizeof(al_node));
		if (!p) return 0;
		r->nodes = p; r->cap = nc;
	}
	r->nodes[r->n++] = nd;
	return 1;
}

static int al_comment(al_result *r, uint32_t s, uint32_t e) {
	if (r->nc + 2 > r->capc) {
		int32_t nc = r->capc ? r->capc * 2 : 256;
		uint32_t *p = realloc(r->comments, (size_t)nc * sizeof(uint32_t));
		if (!p) return 0;
		r->comments = p; r->capc = nc;
	}
	r->comments[r->nc++] = s;
	r->comments[r->nc++] = e;
	return 1;
}

// al_parse parses src and flattens the tree into r, then deletes the tree: no tree outlives this call.
// kinds maps a grammar symbol to archlint's Kind, actions to one of ACT_*, fields a grammar field id to
// archlint's Field. The walk is iterative (a tree cursor plus a heap-allocated stack), so deep nesting cannot
// overflow the C stack.
static void al_parse(TSParser *p, const char *src, uint32_t len,
                     const uint16_t *kinds, const uint8_t *actions, uint32_t nsyms,
                     const uint8_t *fields, uint32_t nfields, uint16_t errorKind, al_result *r) {
	memset(r, 0, sizeof(*r));
	r->first_error = -1;
	TSTree *tree = ts_parser_parse_string(p, NULL, src, len);
	if (!tree) { r->status = 1; ts_parser_reset(p); return; }
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));

	// Per cursor depth: index of the kept node opened at that depth, or -1; and whether the subtree is
	// collapsed. stack[0] is a sentinel.
	int32_t scap = 256, depth = 0;
	int32_t *open = malloc((size_t)scap * sizeof(int32_t));
	if (!open) { r->status = 2; goto done; }
	int32_t parent = -1;
	for (;;) {
		TSNode n = ts_tree_cursor_current_node(&c);
		TSSymbol sym = ts_node_symbol(n);
		// ERROR nodes carry the builtin symbol (TSSymbol)-1, outside the language's symbol table.
		uint8_t act = sym < nsyms ? actions[sym] : (sym == (TSSymbol)-1 ? ACT_ERROR : ACT_KEEP);
		bool missing = ts_node_is_missing(n);
		if (act == ACT_ERROR || missing) {
			if (r->errors == 0) { r->first_error = (int32_t)ts_node_start_byte(n); r->first_missing = missing; }
			r->errors++;
			if (missing) act = ACT_KEEP;
		}
		int32_t kept = -1;
		bool descend = true;
		if (act == ACT_COMMENT) {
			if (!al_comment(r, ts_node_start_byte(n), ts_node_end_byte(n))) { r->status = 2; goto done; }
			descend = false;
		} else if (act != ACT_DROP) {
			TSFieldId f = ts_tree_cursor_current_field_id(&c);
			al_node nd;
			nd.kind = sym < nsyms ? kinds[sym] : (act == ACT_ERROR ? errorKind : 0);
			nd.field = f < nfields ? fields[f] : 0;
			nd.flags = (ts_node_is_named(n) ? FLAG_NAMED : 0) | (missing ? FLAG_MISSING : 0) | (act == ACT_ERROR ? FLAG_ERROR : 0);
			nd.start = ts_node_start_byte(n);
			nd.end = ts_node_end_byte(n);
			nd.parent = parent;
			nd.size = 1;
			kept = r->n;
			if (!al_push(r, nd)) { r->status = 2; goto done; }
			if (act == ACT_COLLAPSE) descend = false;
		} else {
			descend = false; // dropped tokens have no children worth keeping
		}
		if (descend && ts_tree_cursor_goto_first_child(&c)) {
			if (depth + 1 >= scap) {
				scap *= 2;
				int32_t *q = realloc(open, (size_t)scap * sizeof(int32_t));
				if (!q) { r->status = 2; goto done; }
				open = q;
			}
			open[++depth] = kept;
			if (kept >= 0) parent = kept;
			continue;
		}
		// Leave this node and its finished ancestors until a sibling exists.
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c)) goto done;
			int32_t o = open[depth--];
			if (o >= 0) {
				r->nodes[o].size = r->n - o;
				parent = r->nodes[o].parent;
			}
		}
	}
done:
	free(open);
	ts_tree_cursor_delete(&c);
	ts_tree_delete(tree);
	// Close any nodes still open (only on early exit): their size runs to the end.
	for (int32_t i = 0; i < r->n; i++) {
		if (r->nodes[i].size < 1) r->nodes[i].size = 1;
	}
}

static void al_free(al_result *r) {
	free(r->nodes);
	free(r->comments);
	r->nodes = NULL; r->comments = NULL;
}

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_javascript(void);
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	// The grammars and the tree-sitter runtime are compiled by these packages; this package calls their C
	// symbols directly (see the declarations above).
	_ "github.com/smacker/go-tree-sitter"
	_ "github.com/smacker/go-tree-sitter/javascript"
	_ "github.com/smacker/go-tree-sitter/typescript/tsx"
	_ "github.com/smacker/go-tree-sitter/typescript/typescript"
)

// ParseTimeout bounds the time tree-sitter may spend on one file, in microseconds. Pathological input that
// hits it is reported as unparseable instead of stalling a worker.
const ParseTimeout = 10_000_000

// ErrTimeout is returned when a file could not be parsed within ParseTimeout.
var ErrTimeout = errors.New("parser gave up (timeout)")

// Parser parses JS/TS/TSX sources. A Parser is not safe for concurrent use: give each goroutine its own and
// Close it when done.
type Parser struct {
	c    *C.TSParser
	lang Lang
}

// NewParser returns a parser. It panics only if the runtime cannot allocate a parser.
func NewParser() *Parser {
	p := C.ts_parser_new()
	if p == nil {
		panic("syntax: ts_parser_new failed")
	}
	C.ts_parser_set_timeout_micros(p, ParseTimeout)
	return &Parser{c: p, lang: -1}
}

// Close releases the parser. It is safe to call more than once.
func (p *Parser) Close() {
	if p.c != nil {
		C.ts_parser_delete(p.c)
		p.c = nil
	}
}

// Parse parses src as lang and returns the flattened tree. The tree-sitter tree is built and freed within
// this call; the returned Tree is plain Go memory that any goroutine may read. Syntax errors do not make
// Parse fail: the tree holds what parsed, and Tree.Errors says where the first error is.
func (p *Parser) Parse(src []byte, lang Lang) (*Tree, error) {
	if p.c == nil {
		return nil, errors.New("syntax: parser is closed")
	}
	tab := tables[lang]
	if tab == nil {
		return nil, fmt.Errorf("syntax: unknown language %d", lang)
	}
	if len(src) > 1<<31-1 {
		return nil, errors.New("syntax: file too large")
	}
	if p.lang != lang {
		if !C.ts_parser_set_language(p.c, tab.lang) {
			return nil, fmt.Errorf("syntax: grammar %s rejected by the runtime (ABI mismatch)", lang)
		}
		p.lang = lang
	}
	var cs *C.char
	if len(src) > 0 {
		cs = (*C.char)(unsafe.Pointer(&src[0]))
	}
	var r C.al_result
	C.al_parse(p.c, cs, C.uint32_t(len(src)),
		(*C.uint16_t)(unsafe.Pointer(&tab.kinds[0])), (*C.uint8_t)(unsafe.Pointer(&tab.actions[0])), C.uint32_t(len(tab.kinds)),
		(*C.uint8_t)(unsafe.Pointer(&tab.fields[0])), C.uint32_t(len(tab.fields)), C.uint16_t(Error), &r)
	runtime.KeepAlive(src)
	defer C.al_free(&r)
	switch r.status {
	case 1:
		return nil, ErrTimeout
	case 2:
		return nil, errors.New("syntax: out of memory")
	}
	t := &Tree{Src: src, Lang: lang}
	if r.n > 0 {
		cn := unsafe.Slice((*Node)(unsafe.Pointer(r.nodes)), int(r.n))
		t.Nodes = make([]Node, len(cn))
		copy(t.Nodes, cn)
	}
	if r.nc > 0 {
		cc := unsafe.Slice((*uint32)(unsafe.Pointer(r.comments)), int(r.nc))
		t.Comments = make([]Span, len(cc)/2)
		for i := range t.Comments {
			t.Comments[i] = Span{Start: cc[2*i], End: cc[2*i+1]}
		}
	}
	if r.errors > 0 {
		t.Errors = SyntaxErrors{Count: int(r.errors), FirstOffset: int(r.first_error), FirstIsMissing: r.first_missing != 0}
	}
	return t, nil
}

// langTable is the per-grammar translation from tree-sitter symbols and field ids to archlint's Kind and
// Field, plus what the flattener does with each symbol.
type langTable struct {
	lang    *C.TSLanguage
	kinds   []uint16
	actions []uint8
	fields  []uint8
}

var tables = map[Lang]*langTable{}

func init() {
	for _, l := range []struct {
		lang Lang
		ptr  *C.TSLanguage
	}{
		{TypeScript, C.tree_sitter_typescript()},
		{TSX, C.tree_sitter_tsx()},
		{JavaScript, C.tree_sitter_javascript()},
	} {
		tables[l.lang] = buildTable(l.ptr)
	}
}

func buildTable(lang *C.TSLanguage) *langTable {
	nsym := uint32(C.ts_language_symbol_count(lang))
	t := &langTable{lang: lang, kinds: make([]uint16, nsym), actions: make([]uint8, nsym)}
	for s := uint32(0); s < nsym; s++ {
		name := C.GoString(C.ts_language_symbol_name(lang, C.TSSymbol(s)))
		typ := int(C.ts_language_symbol_type(lang, C.TSSymbol(s))) // 0 regular (named), 1 anonymous, 2 auxiliary
		named := typ == 0
		k := internKind(name, named)
		t.kinds[s] = uint16(k)
		t.actions[s] = actionFor(name, named, k)
	}
	nf := uint32(C.ts_language_field_count(lang))
	t.fields = make([]uint8, nf+1)
	for f := uint32(1); f <= nf; f++ {
		name := C.GoString(C.ts_language_field_name_for_id(lang, C.TSFieldId(f)))
		t.fields[f] = uint8(internField(name))
	}
	return t
}

// Flattener actions; must match the ACT_* constants in the C code above.
const (
	actDrop     = 0
	actKeep     = 1
	actCollapse = 2
	actComment  = 3
	actError    = 4
)

func actionFor(name string, named bool, k Kind) uint8 {
	switch {
	case name == "ERROR":
		return actError
	case k == Comment || name == "html_comment":
		return actComment
	case named && collapsed[k]:
		return actCollapse
	case named:
		return actKeep
	case keptToken(name):
		return actKeep
	}
	return actDrop
}

// keptToken reports whether an anonymous token carries meaning the analysis needs: keywords (async,
// default, type, typeof, new, …) and operators (=, ===, &&, <, ?., ...). Punctuation and quotes are dropped.
func keptToken(name string) bool {
	switch name {
	case "", "(", ")", "[", "]", "{", "}", ",", ";", ":", ".", "'", "\"", "`", "${", "=>", "</", "/>", "{|", "|}", "@":
		return false
	}
	return true
}
