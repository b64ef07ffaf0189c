package prismarules

import (
	"reflect"
	"testing"
)

func TestSplitWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"unitPrice", []string{"unit", "price"}},
		{"total_amount", []string{"total", "amount"}},
		{"USDValue", []string{"usd", "value"}},
		{"amountUSD", []string{"amount", "usd"}},
		{"price2", []string{"price", "2"}},
		{"shipping-fee", []string{"shipping", "fee"}},
		{"MRR", []string{"mrr"}},
		{"_price_", []string{"price"}},
		{"", nil},
	} {
		if got := splitWords(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsMoneyName(t *testing.T) {
	money := []string{"price", "unitPrice", "total_amount", "total", "balance", "fee", "salary", "revenue",
		"amountUsd", "monthlyRevenue", "USDCost", "subtotal", "payoutAmount", "refunds", "mrr", "costPerToken", "pricePerUnit", "tokenPrice"}
	notMoney := []string{"totalCount", "priceId", "taxRate", "discountPercent", "totalTokens", "costDuration",
		"score", "enterprise", "totalled", "weight", "amountOfViews", "price_ratio", "latitude", "discount",
		"commission", "credits", "tokensPerDollar", "returnOnAdSpend"}
	for _, n := range money {
		if !isMoneyName(n) {
			t.Errorf("isMoneyName(%q) = false, want true", n)
		}
	}
	for _, n := range notMoney {
		if isMoneyName(n) {
			t.Errorf("isMoneyName(%q) = true, want false", n)
		}
	}
}
