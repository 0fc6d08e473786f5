package engine

// auditExceptions is the one declared list of the moves the wrong way that the plan accepts
// after good news, each with its reason. docs/methodology.md ("Good news never hurts") shows it
// and TestAuditExceptionsDocumented keeps the two in step. Keep it short: every entry is a
// place where the plan knowingly lets good news lower a scored indicator, and `lap audit`
// prints every move it accepts. An indicator that can no longer be decided after good news
// (its status becomes not known, §3.2) needs no exception: the audit, like the what-if,
// compares scores like for like, over the indicators scored before and after, and lists it
// apart (AuditResult.LeftOut).
var auditExceptions = []AuditException{
	{Indicator: "12.1", News: NewsAccessionStockpile,
		Reason: "12.1 counts the States Parties that still have stockpiles to destroy: the work left under Article 3. " +
			"A State that joins holding cluster munitions adds to that work, and the count says so until it has " +
			"destroyed them (Article 3 gives it eight years). Hiding the new obligation to keep the count " +
			"falling would misstate the work left; the accession itself shows in 10.1 and 10.2."},
}
