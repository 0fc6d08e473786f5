package engine

// auditExceptions is the one declared list of the moves the wrong way that the plan accepts
// after good news, each with its reason. docs/methodology.md ("Good news never hurts") shows it
// and TestAuditExceptionsDocumented keeps the two in step. Keep it short: every entry is a
// place where the plan knowingly lets good news lower a scored indicator, and `lap audit`
// prints every move it accepts. An indicator that can no longer be decided after good news
// (its status becomes not known, §3.2) needs no exception: the audit, like the what-if,
// compares scores like for like, over the indicators scored before and after, and lists it
// apart (AuditResult.LeftOut).
//
// The reason is said once, as two of the engine's messages (engine/messages.go: the full reason
// and a short form for tables), so that the what-if can say it in French and Spanish too
// (reports/locale/catalog/engine.*.toml).
var auditExceptions = []AuditException{
	exception("12.1", NewsAccessionStockpile, msgException121Stockpile, msgException121StockpileShort),
}

// exception declares an accepted move with its reason and the reason's short form, two
// messages.
func exception(id string, k GoodNews, reason, short string) AuditException {
	ex := AuditException{Indicator: id, News: k, ReasonSentence: say(reason), ShortSentence: say(short)}
	ex.Reason, ex.Short = ex.ReasonSentence.String(), ex.ShortSentence.String()
	return ex
}
