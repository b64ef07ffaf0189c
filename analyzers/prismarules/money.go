package prismarules

// prisma/float-for-money.
//
// A field is about money when its name, split into words at camelCase humps, underscores, hyphens and
// digits ("unitPrice" → unit price, "total_amount" → total amount, "USDValue" → usd value), contains a
// money word and no word that makes it a count, a rate or a measure of something else; in "X per Y" and
// "X on Y" only X counts ("costPerToken" is money, "tokensPerDollar" and "returnOnAdSpend" are not). So
// "totalCount",
// "taxRate", "priceId", "costPerTokenRatio" and "totalDuration" are not money; "price", "unitPrice",
// "total", "amountUsd" and "monthlyRevenue" are. "total" alone counts as money: a Float called total is
// almost always an order or invoice total, and a total of anything else usually says what
// ("totalViews"). Words that are as often a rate or a count as an amount (discount, commission, vat,
// credit, bonus) are left out.
//
// The field's documentation ("///") and a comment on its line can overrule the name: when they call the
// value a rate, ratio, percentage, fraction, multiplier or factor, speak of decimals or write a division
// ("totalSaleAmount / totalClicks"), the field is a derived ratio or a fee rate, not an amount.

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/prismaschema"
	psl "github.com/archlint/archlint/internal/prismaschema"
	"github.com/archlint/archlint/rules"
)

// moneyWords are the words that make a Float field money.
var moneyWords = set(
	"price", "prices", "pricing", "amount", "amounts", "cost", "costs", "total", "totals", "subtotal",
	"balance", "balances", "fee", "fees", "salary", "salaries", "revenue", "revenues", "payment", "payments",
	"payout", "payouts", "refund", "refunds", "earning", "earnings", "income", "wage", "wages", "budget",
	"charge", "charges", "money", "cash", "profit", "profits", "spend", "spending", "spent", "mrr", "arr",
	"gmv", "usd", "eur", "gbp", "cents", "invoice", "invoiced", "paid", "owed", "debt", "tax", "taxes",
	"deposit", "withdrawal", "fare", "msrp", "donation", "donations",
)

// notMoneyWords are words that make a name with a money word mean something else: a count, a rate or
// ratio, an identifier, or a measure in another unit.
var notMoneyWords = set(
	"count", "counts", "number", "num", "qty", "quantity", "quantities", "id", "ids", "index", "idx",
	"rate", "rates", "ratio", "percent", "percentage", "pct", "share", "factor", "multiplier", "weight",
	"score", "scores", "rank", "rating", "points", "point", "votes", "vote", "stars",
	"tokens", "time", "times", "duration", "seconds", "secs", "sec", "ms", "millis", "minutes",
	"mins", "hours", "days", "size", "bytes", "length", "width", "height", "distance", "latency",
	"views", "clicks", "visits", "users", "items", "units", "requests", "calls", "hits", "impressions",
	"lat", "lng", "latitude", "longitude",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isMoneyName reports whether a field name says the field holds money.
func isMoneyName(name string) bool {
	money := false
	for _, w := range splitWords(name) {
		if w == "per" || w == "on" {
			// "costPerToken" is a cost, "tokensPerDollar" and "returnOnAdSpend" are not: the words before
			// "per" or "on" name what the field is.
			break
		}
		if notMoneyWords[w] {
			return false
		}
		money = money || moneyWords[w]
	}
	return money
}

// splitWords splits an identifier into lower-case words at underscores, hyphens and other separators,
// lower-to-upper humps ("unitPrice"), the end of an acronym ("USDValue" → usd, value) and letter/digit
// boundaries ("price2" → price).
func splitWords(name string) []string {
	var words []string
	rs := []rune(name)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToLower(string(rs[start:end])))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsDigit(r) != unicode.IsDigit(prev):
			flush(i)
			start = i
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush(i)
			start = i
		case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return words
}

func checkMoney(pass *analyzers.Pass, set *prismaschema.Set) {
	s := set.Schema
	fix := "use Decimal (exact to the cent; decimal.js in the client) or an Int amount in cents"
	if s.Provider() == "mongodb" {
		fix = "Prisma has no Decimal on MongoDB: store an Int amount in the smallest currency unit"
	}
	files := map[string]*psl.File{}
	for _, f := range s.Files {
		files[f.Path] = f
	}
	check := func(m *psl.Model, what string) {
		for _, f := range m.Fields {
			if f.Type != "Float" || f.Kind != psl.ScalarField || !isMoneyName(f.Name) || commentSaysRatio(files[m.Path], f) {
				continue
			}
			rng := f.Decl.Type.NameRange
			pass.Report(analyzers.Diagnostic{
				Rule:  rules.FloatForMoney,
				Path:  m.Path,
				Start: rng.Start.Offset, End: rng.End.Offset,
				Message: fmt.Sprintf("%s %s.%s holds money in a Float: binary floating point cannot store most decimal amounts exactly (0.1 + 0.2 = 0.30000000000000004), so sums, comparisons and rounding drift by fractions of a cent; %s.",
					what, m.Name, f.Name, fix),
				Key: m.Name + "." + f.Name,
			})
		}
	}
	for _, m := range s.Models {
		if m.Kind == psl.ModelBlock { // a view's types follow its query; fix the table instead
			check(m, "Field")
		}
	}
	for _, t := range s.Types {
		check(t, "Field of type")
	}
}

// ratioWords in a field's comment say that it holds a ratio or a rate rather than an amount.
var ratioWords = set("percent", "percentage", "rate", "ratio", "fraction", "decimals", "multiplier", "factor")

// commentSaysRatio reports whether the field's documentation or a comment after it on its line describes
// a ratio, a rate ("%", ratioWords) or a division (" / ").
func commentSaysRatio(file *psl.File, f *psl.Field) bool {
	text := f.Doc
	if file != nil {
		end := f.Range().End
		for _, c := range file.Comments {
			if c.Range.Start.Line == end.Line && c.Range.Start.Offset >= end.Offset {
				text += "\n" + c.Text
			}
		}
	}
	if strings.Contains(text, "%") || strings.Contains(text, " / ") {
		return true
	}
	for _, w := range splitWords(text) {
		if ratioWords[w] {
			return true
		}
	}
	return false
}
