package engine

// auditExceptions is the one declared list of the moves the wrong way that the plan accepts
// after good news, each with its reason. docs/methodology.md ("Good news never hurts") shows it
// and TestAuditExceptionsDocumented keeps the two in step. Keep it short: every entry is a
// place where the plan knowingly lets good news lower a scored indicator, and `lap audit`
// prints every move it accepts.
var auditExceptions = []AuditException{
	{Indicator: "12.1", News: NewsAccessionStockpile,
		Reason: "12.1 counts the States Parties that still have stockpiles to destroy: the work left under Article 3. " +
			"A State that joins holding cluster munitions adds to that work, and the count says so until it has " +
			"destroyed them (Article 3 gives it eight years). Hiding the new obligation to keep the count " +
			"falling would misstate the work left; the accession itself shows in 10.1 and 10.2."},
}

// auditNotKnownReason is the one rule the audit applies to every indicator and kind of news: a
// status that becomes "not known", or stops being, under the check against the States not
// known (docs/methodology.md §3.2) is no move. docs/methodology.md §8 shows it and
// TestAuditExceptionsDocumented keeps the two in step.
const auditNotKnownReason = "Not known is not a verdict. The news changed which States of the population are not known " +
	"(a State that joins comes in with its answers not known; a State that completes or reports may leave the " +
	"population or become known), and the status became, or stopped being, \"not known\" because the States not " +
	"known could overturn it. An indicator without a verdict neither lowers nor raises a score: the audit holds it " +
	"at its baseline when it checks the section and plan scores."
