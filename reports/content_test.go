package reports

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// The Article 7 table adds up to the reporting indicators: 43.1 and 46.1 for the initial
// reports, 43.2 and 43.3 for the annual reports of the year.
func TestArticle7TableAgreesWithIndicators(t *testing.T) {
	s := loadSample(t)
	v := s.r.doc.Content.Article7
	ind := func(id string) engine.IndicatorAssessment {
		ia, ok := s.a.Indicator(id)
		require.True(t, ok, id)
		return ia
	}
	assert.Equal(t, len(s.a.States), v.Parties.N)
	assert.Len(t, v.Rows, v.Parties.N)
	assert.Equal(t, ind("43.1").Counted.Len(), v.InitialReceived.N, "43.1")
	assert.Equal(t, ind("43.1").N, v.InitialDue.N, "43.1")
	assert.Equal(t, ind("46.1").Counted.Len(), v.InitialOverdue.N, "46.1")
	assert.Equal(t, ind("43.3").N, v.AnnualOwed.N, "43.3")
	assert.Equal(t, ind("43.3").Counted.Len(), v.AnnualOnTime.N+v.AnnualLate.N, "43.3: on time or late")
	assert.Equal(t, ind("43.2").Counted.Len(), v.AnnualOnTime.N, "43.2")
	assert.Equal(t, "30 April 2025", v.Deadline)
	for i := 1; i < len(v.Rows); i++ {
		assert.LessOrEqual(t, v.Rows[i-1].State.Name, v.Rows[i].State.Name, "by name")
	}
	for _, r := range v.Rows {
		assert.Equal(t, "profiles/"+r.State.ISO3+".html", r.State.HTML)
	}
}

// TestArticle7VerdictsCarryTheirMarks: a verdict ("late", "not received by the deadline")
// carries the mark of the least reliable value it rests on, never a stronger one than the
// date or the "none recorded" beside it; and each count of the intro carries the mark of the
// least reliable verdict it counts.
func TestArticle7VerdictsCarryTheirMarks(t *testing.T) {
	s := loadSample(t)
	v := s.r.doc.Content.Article7
	rank := func(m markInfo) int { return slices.Index(engine.Classes, engine.Class(m.Class)) }
	var annual, initial engine.Class
	for _, r := range v.Rows {
		if r.InitialKey != "none" {
			assert.GreaterOrEqual(t, rank(r.InitialMark), rank(r.InitialReceived.Mark()), "%s: the initial verdict is no stronger than its receipt", r.State.Name)
		}
		if r.AnnualKey != "none" {
			assert.GreaterOrEqual(t, rank(r.AnnualMark), rank(r.Annual.Mark()), "%s: the annual verdict is no stronger than its receipt", r.State.Name)
		}
		if r.InitialKey == "yes" || r.InitialKey == "no" {
			initial = initial.Weaker(engine.Class(r.InitialMark.Class))
		}
		if r.AnnualKey == "yes" || r.AnnualKey == "no" {
			annual = annual.Weaker(engine.Class(r.AnnualMark.Class))
		}
		if r.State.ISO3 == "AFG" { // received 30 August 2012ᵐ, late; 2024 none recordedⁱ
			assert.Equal(t, string(engine.ClassMonitor), r.InitialMark.Class)
			assert.Equal(t, string(engine.ClassIllustrative), r.AnnualMark.Class)
		}
	}
	assert.Equal(t, annual, v.AnnualOnTime.Class.Weaker(v.AnnualLate.Class).Weaker(v.AnnualMissing.Class))
	assert.Equal(t, initial, v.InitialReceived.Class.Weaker(v.InitialOverdue.Class))
	assert.Equal(t, "50ⁱ", v.AnnualMissing.String(), "the sample's register of annual reports is invented")
	assert.Equal(t, "112", v.Parties.String(), "the States file is official")

	var md bytes.Buffer
	require.NoError(t, s.r.WriteMarkdown(&md))
	assert.Contains(t, md.String(), "| late"+markOf(engine.ClassMonitor).Symbol+" | none recordedⁱ | not received by the deadlineⁱ |")
	assert.Contains(t, md.String(), ": 49ⁱ received on time, 12ⁱ late, 50ⁱ not received by the deadline")
}

func TestAnnex(t *testing.T) {
	s := loadSample(t)
	v := s.r.doc.Content.Annex
	ia, _ := s.a.Indicator("10.1")
	assert.Len(t, v.Parties, int(*ia.Value), "the States Parties of 10.1")
	assert.NotEmpty(t, v.Signatories)
	for _, r := range v.Signatories {
		assert.NotEqual(t, dash, r.Signed, r.State.Name)
		assert.Empty(t, r.State.HTML, "%s: only States Parties have a profile page", r.State.Name)
	}
	for _, r := range v.Parties {
		want := "ratification"
		if r.Signed == dash {
			want = "accession"
		}
		assert.Equal(t, want, r.Instrument, r.State.Name)
	}
	assert.Equal(t, "31 December 2024", v.Ref)
}

func TestVotesAndArticle3Totals(t *testing.T) {
	s := loadSample(t)
	votes := s.m.States.Votes
	require.NotEmpty(t, votes)
	assert.Equal(t, 2019, votes[0].Year)
	assert.Equal(t, 2024, votes[len(votes)-1].Year, "no vote after the report's year")
	for _, v := range votes {
		assert.Equal(t, v.Recorded, v.Yes+v.No+v.Abstain+v.Absent, v.Year)
		assert.Equal(t, engine.ClassIllustrative, v.Class, "the sample's votes are illustrative")
	}
	// the published totals of 2020 and 2021, which the sample reproduces
	assert.Equal(t, [3]int{147, 0, 38}, [3]int{votes[1].Yes, votes[1].No, votes[1].Abstain})
	assert.Equal(t, [3]int{146, 1, 37}, [3]int{votes[2].Yes, votes[2].No, votes[2].Abstain})

	t3 := s.m.States.Article3
	assert.Equal(t, 2019, t3.From)
	var m, sm float64
	for _, y := range t3.Years {
		m += y.Munitions
		sm += y.Submunitions
		assert.Equal(t, m, y.CumMunitions, y.Year)
		assert.Equal(t, sm, y.CumSub, y.Year)
	}
	assert.Equal(t, m, t3.Munitions)
	var md bytes.Buffer
	require.NoError(t, s.r.WriteMarkdown(&md))
	assert.Contains(t, md.String(), "**The data hold no figure before 2019: these are not the totals since the Convention entered into force on 1 August 2010.**")
}

// A dataset without votes or destruction figures says so.
func TestContentWithoutVotes(t *testing.T) {
	s := loadSample(t)
	data := fstest.MapFS{
		"states.csv": {Data: []byte("iso3,name,region,signed,ratified,entry_into_force,withdrawn\nAAA,Atlantis,europe,2008-12-03,2010-01-05,2010-08-01,\nBBB,Borduria,europe,2008-12-03,,,\n")},
		"facts.csv":  {Data: []byte("iso3,year,field,value,source\nAAA,,art7_initial_submitted,2011-01-10,test\n")},
	}
	ds, err := engine.LoadDataset(data, ".")
	require.NoError(t, err)
	ctx := context.Background()
	a, err := s.plan.Assess(ctx, ds, 2024, engine.AsOf(engine.MustDate("2025-06-30")))
	require.NoError(t, err)
	m := NewMeta(s.plan, ds, "", "test")
	m.Profiles = true
	m.States, err = NewStateData(ctx, s.plan, ds, a)
	require.NoError(t, err)
	var md, h bytes.Buffer
	require.NoError(t, WriteMarkdown(&md, a, m))
	require.NoError(t, WriteHTML(&h, a, m))
	for _, out := range []string{md.String(), h.String()} {
		assert.Contains(t, out, "The data hold no vote on the General Assembly's annual resolution")
		assert.Contains(t, out, "The data hold no figure of cluster munitions or submunitions destroyed under Article 3.")
	}
	assert.Contains(t, md.String(), "| [Atlantis](profiles/AAA.md) | 28 January 2011 | 10 January 2011ᵘ | on timeᵘ | none recordedᵘ | not received by the deadlineᵘ |", "no registers.csv: the absence is unstated, never official")
	assert.Contains(t, md.String(), "Of the one annual Article 7 report due for 2024, none had been received by 30 June 2025ᵘ, none of them by the deadline of 30 April 2025ᵘ.")
	assert.Contains(t, md.String(), "No State Party had a clearance obligation in 2024. [21.1]")
	assert.Contains(t, md.String(), "At the end of 2024, none of the one State Party had adopted legislation specific to the Convention. [47.1]")
	// without profiles, no link to one
	m.Profiles = false
	var plain bytes.Buffer
	require.NoError(t, WriteMarkdown(&plain, a, m))
	assert.Contains(t, plain.String(), "| Atlantis | 28 January 2011 |")
	assert.NotContains(t, plain.String(), "profiles/")
	assert.Contains(t, md.String(), "### Signatories that are not States Parties (1)\n\n| State | Region | Signed |\n|---|---|---|\n| Borduria | europe | 3 December 2008 |")
}

// Count indicators name the States they count: inline when few (46.1), collapsed in HTML and
// listed in the Markdown annex when many (10.1); each name carries the mark of its result.
func TestCountedNames(t *testing.T) {
	s := loadSample(t)
	var md, h bytes.Buffer
	require.NoError(t, s.r.WriteMarkdown(&md))
	require.NoError(t, s.r.WriteHTML(&h))
	assert.Contains(t, md.String(), "- **46.1** counts 9 States: [Cabo Verde](profiles/CPV.md)ᵐ, [Comoros](profiles/COM.md)ᵐ, [Congo](profiles/COG.md)ᵐ, [Guinea](profiles/GIN.md)ᵐ, [Niue](profiles/NIU.md)ᵐ, [Rwanda](profiles/RWA.md)ᵐ, [Sao Tome and Principe](profiles/STP.md)ᵐ, [South Sudan](profiles/SSD.md)ⁱ, [Togo](profiles/TGO.md)ᵐ.", "each name with the mark of its own result: South Sudan's initial report date is illustrative; the others' absence rests on the LAP-era list of overdue reports (registers.csv, monitor)")
	assert.Contains(t, h.String(), `<a href="profiles/SSD.html">South Sudan</a><sup class="mark mark-illustrative"`)
	assert.Contains(t, md.String(), "(34 States): [Andorra](profiles/AND.md)ⁱ, [Belgium](profiles/BEL.md)ⁱ, ", "11.3 rests on illustrative statements: every name says so")
	assert.Contains(t, h.String(), `<p class="names"><strong>46.1</strong> counts 9 States: <a href="profiles/CPV.html">Cabo Verde</a><sup class="mark mark-monitor"`)
	assert.Contains(t, md.String(), "- **10.1** counts 112 States: listed under [States counted, by indicator](#counted-10.1).")
	assert.Contains(t, md.String(), "<a id=\"counted-10.1\"></a>\n\n**10.1 States Parties at year end** (112 States): [Afghanistan](profiles/AFG.md), ")
	assert.Contains(t, h.String(), `<details class="names"><summary><strong>10.1</strong> counts 112 States (names)</summary>`)
	assert.Contains(t, h.String(), `<details class="defs"><summary>Definitions and notes</summary>`)
	assert.Contains(t, md.String(), "- **46.1** States Parties with overdue initial reports: Number of States Parties whose initial Article 7 report was overdue at the end of the year. *Taken over:* 9 of 112.")
	// a count of non-parties names them without a profile link
	assert.Contains(t, h.String(), "<strong>10.3</strong> counts 47 States (names)")
	for _, want := range []string{"## Summary", "## Article 7 reports", "## States Parties and signatories", "## UN General Assembly votes",
		"## Article 3 destruction, cumulative", "## Country profiles"} {
		assert.Contains(t, md.String(), want)
	}
	assert.Equal(t, 1, strings.Count(md.String(), "<a id=\"summary\"></a>"))
}
