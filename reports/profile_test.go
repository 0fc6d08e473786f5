package reports

import (
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/internal/golden"
	"github.com/lapmonitor/lap/reports/locale"
)

// sampleRun is the shipped plan's 2024 report on the sample data at the cut-off 30 June 2025,
// with the previous year and every State's record: the inputs lap report builds.
type sampleRun struct {
	plan *engine.Plan
	ds   *engine.Dataset
	a    *engine.Assessment
	m    Meta
	r    *Report
}

var (
	sampleOnce sync.Once
	sample     sampleRun
	sampleErr  error
)

func loadSample(t testing.TB) sampleRun {
	t.Helper()
	sampleOnce.Do(func() {
		ctx := context.Background()
		s := &sample
		if s.plan, sampleErr = engine.Load(indicators.FS); sampleErr != nil {
			return
		}
		if s.ds, sampleErr = engine.LoadDataset(os.DirFS("../testdata/sample"), "."); sampleErr != nil {
			return
		}
		both, err := s.plan.AssessYears(ctx, s.ds, 2023, 2024, engine.AsOf(engine.MustDate("2025-06-30")))
		if sampleErr = err; err != nil {
			return
		}
		s.a = both[1]
		s.m = NewMeta(s.plan, s.ds, "(embedded plan)", "testdata/sample")
		s.m.Previous, s.m.Profiles = both[0], true
		if s.m.States, sampleErr = NewStateData(ctx, s.plan, s.ds, s.a); sampleErr != nil {
			return
		}
		s.r, sampleErr = New(s.a, s.m)
	})
	require.NoError(t, sampleErr)
	return sample
}

func profileOf(t *testing.T, iso3 string) *StateProfile {
	t.Helper()
	s := loadSample(t)
	p, err := ProfileOf(context.Background(), s.plan, s.ds, s.a, iso3)
	require.NoError(t, err)
	return p
}

func TestProfileLao(t *testing.T) {
	p := profileOf(t, "LAO")
	assert.Equal(t, "Lao People's Democratic Republic", p.Name)
	assert.True(t, p.Party)
	assert.False(t, p.Partial)
	assert.Equal(t, "State Party at the end of 2024.", p.Standing)
	assert.Equal(t, []ProfileItem{
		{Label: "Signed", Value: "3 December 2008", Class: engine.ClassOfficial},
		{Label: "Instrument deposited", Value: "18 March 2009 (ratification)", Class: engine.ClassOfficial},
		{Label: "Entry into force", Value: "1 August 2010", Class: engine.ClassOfficial},
	}, p.Membership)

	require.NotEmpty(t, p.Obligations)
	o := p.Obligations[0]
	assert.Equal(t, 4, o.Article)
	assert.Equal(t, 1, o.Episode)
	assert.Equal(t, "1 August 2010", o.Began.Value)
	assert.Equal(t, engine.ClassMonitor, o.Began.Class)
	assert.Equal(t, "1 August 2025", o.Deadline.Value)
	require.Len(t, o.Chain, 2, "the original deadline and one extension")
	// the original deadline follows from the treaty at entry into force: set, not decided
	assert.Equal(t, ProfileItem{Label: "original deadline, set 2010", Value: "1 August 2020", Class: engine.ClassOfficial}, o.Chain[0])
	for lang, want := range map[locale.Lang]string{locale.French: "échéance initiale (fixée\u00a0: 2010)", locale.Spanish: "plazo original (fijado: 2010)"} {
		assert.Equal(t, want, locale.For(lang).T("profile.original-deadline", map[string]any{"Date": "2010"}), lang)
	}
	assert.Equal(t, ProfileItem{Label: "extended, decided 2019", Value: "1 August 2025", Class: engine.ClassMonitor}, o.Chain[1])
	assert.Equal(t, "pending", o.Verdict)
	require.NotNil(t, o.Projection)
	assert.Equal(t, "will-miss", o.Projection.Key)
	assert.Equal(t, "2043", o.Projection.Completion)
	assert.Equal(t, engine.ClassIllustrative, o.Projection.Remaining.Class)
	assert.Contains(t, o.Projection.Takes, "Meeting the deadline of 1 August 2025 takes releasing")
	assert.Contains(t, o.Projection.Takes, "times the recent rate")

	r := p.Reporting
	assert.Equal(t, "28 January 2011", r.InitialDue)
	assert.Equal(t, ProfileItem{Label: "Initial report received", Value: "25 January 2011", Class: engine.ClassMonitor}, r.InitialReceived)
	assert.Equal(t, "on time", r.InitialOnTime)
	var years []int
	for _, an := range r.Annual {
		years = append(years, an.Year)
	}
	assert.Equal(t, []int{2019, 2020, 2021, 2022, 2023, 2024}, years)
	assert.Equal(t, "not received by the deadline", r.Annual[3].OnTime, "2022: no report recorded")

	assert.Equal(t, len(p.Indicators), p.Counted+p.NotCounted+p.NoData)
	assert.Equal(t, len(loadSample(t).a.Indicators), len(p.Indicators)+p.Outside)
	var sources int
	for _, c := range p.Classes {
		sources += c.N
	}
	assert.Positive(t, sources)
	for i := 1; i < len(p.Sources); i++ {
		af, al := splitOrigin(p.Sources[i-1].Origin)
		bf, bl := splitOrigin(p.Sources[i].Origin)
		assert.True(t, af < bf || af == bf && al <= bl, "sources by file and line: %s before %s", p.Sources[i-1].Origin, p.Sources[i].Origin)
	}
}

// A State that is not a party has a profile too: its signature, and no obligation.
func TestProfileSignatory(t *testing.T) {
	s := loadSample(t)
	var iso string
	for _, r := range s.m.States.Records {
		if r.Signatory && !r.Party {
			iso = r.ISO3
			break
		}
	}
	require.NotEmpty(t, iso, "the sample has a signatory that is not a party")
	p := profileOf(t, iso)
	assert.False(t, p.Party)
	assert.Equal(t, "Signatory, not a State Party at the end of 2024.", p.Standing)
	assert.Empty(t, p.Obligations)
	assert.Equal(t, "not due (no entry into force)", p.Reporting.InitialOnTime)
	var b bytes.Buffer
	require.NoError(t, WriteProfileText(&b, p))
	assert.Contains(t, b.String(), "No obligation of a State Party applies at 31 December 2024.")
}

// One profile per State Party, and each says what the indicators say: a State is "counted" in
// exactly the indicators whose lists count it.
func TestProfilesAgreeWithIndicators(t *testing.T) {
	s := loadSample(t)
	ps, err := s.r.Profiles()
	require.NoError(t, err)
	require.Len(t, ps, len(s.a.States))
	ia10, _ := s.a.Indicator("10.1")
	assert.Len(t, ps, int(*ia10.Value), "one profile per State Party (10.1)")
	assert.True(t, slices.IsSortedFunc(ps, func(a, b *StateProfile) int { return strings.Compare(a.ISO3, b.ISO3) }))
	byID := map[string]engine.IndicatorAssessment{}
	for _, ia := range s.a.Indicators {
		byID[ia.ID] = ia
	}
	for _, p := range ps {
		assert.Equal(t, len(p.Indicators), p.Counted+p.NotCounted+p.NoData, p.ISO3)
		for _, pi := range p.Indicators {
			ia := byID[pi.ID]
			counted := ia.Counted.Has(p.ISO3)
			switch pi.Result {
			case "counted":
				assert.True(t, counted, "%s %s", p.ISO3, pi.ID)
			case "not counted", "none recorded":
				assert.False(t, counted, "%s %s", p.ISO3, pi.ID)
				assert.True(t, ia.NotCounted.Has(p.ISO3) || ia.NoData.Has(p.ISO3), "%s %s", p.ISO3, pi.ID)
			case "not known":
				assert.True(t, ia.NoData.Has(p.ISO3), "%s %s", p.ISO3, pi.ID)
				assert.Equal(t, "left out", pi.Effect, "%s %s: an unknown is never a verdict", p.ISO3, pi.ID)
			default: // a number
				assert.True(t, counted, "%s %s gave a number", p.ISO3, pi.ID)
			}
		}
	}
}

func TestProfileGolden(t *testing.T) {
	for _, iso := range []string{"LAO", "BGR", "NGA"} {
		p := profileOf(t, iso)
		var md, txt bytes.Buffer
		require.NoError(t, WriteProfileMarkdown(&md, p, ProfileOptions{IndicatorLink: "../report.md#action-{action}", ReportLink: "../report.md", Generator: "lap report"}))
		golden.Check(t, "profile/"+iso+".md", md.Bytes())
		require.NoError(t, WriteProfileText(&txt, p))
		golden.Check(t, "profile/"+iso+".txt", txt.Bytes())
	}
}

// Text from the data is escaped in every format.
func TestProfileEscapes(t *testing.T) {
	p := *profileOf(t, "LAO")
	p.Name = `<b>Lao</b>`
	p.Indicators = append([]ProfileIndicator(nil), p.Indicators...)
	p.Indicators[0].Title = `a|b*c <script>alert(1)</script>`
	p.Sources = append([]ProfileSource(nil), p.Sources...)
	p.Sources[0].Source = `<img src=x onerror=alert(1)>`
	var h, md bytes.Buffer
	require.NoError(t, WriteProfileHTML(&h, &p, ProfileOptions{IndicatorLink: "../report.html#ind-{id}"}))
	assert.NotContains(t, h.String(), "<script>alert")
	assert.NotContains(t, h.String(), "<img src=x")
	assert.NotContains(t, h.String(), "<b>Lao</b>")
	assert.Contains(t, h.String(), "&lt;script&gt;")
	require.NoError(t, WriteProfileMarkdown(&md, &p, ProfileOptions{}))
	assert.Contains(t, md.String(), `a\|b\*c`)
	assert.NotContains(t, md.String(), "<script>")
}

func TestNewStateProfileRefusesMismatches(t *testing.T) {
	s := loadSample(t)
	ctx := context.Background()
	opts := []engine.EvalOption{engine.AsOf(engine.MustDate("2025-06-30"))}
	rec, err := s.plan.StateRecord(ctx, s.ds, "LAO", 2024, opts...)
	require.NoError(t, err)
	ev, err := s.plan.EvaluateState(ctx, s.ds, "BGR", 2024, opts...)
	require.NoError(t, err)
	_, err = NewStateProfile(s.a, rec, ev)
	require.ErrorIs(t, err, chart.ErrInvalidInput, "the record and the outcomes of different States")
	rec23, err := s.plan.StateRecord(ctx, s.ds, "LAO", 2023, opts...)
	require.NoError(t, err)
	ev, err = s.plan.EvaluateState(ctx, s.ds, "LAO", 2024, opts...)
	require.NoError(t, err)
	_, err = NewStateProfile(s.a, rec23, ev)
	require.ErrorIs(t, err, chart.ErrInvalidInput, "a record of another year")
	_, err = NewStateProfile(nil, rec, ev)
	require.ErrorIs(t, err, ErrNoAssessment)
	_, err = ProfileOf(ctx, s.plan, s.ds, s.a, "XXX")
	require.ErrorIs(t, err, engine.ErrUnknownState)
}

func TestOutcomeWords(t *testing.T) {
	type tc struct {
		name   string
		agg    engine.Aggregate
		dir    engine.Direction
		policy engine.UnknownPolicy
		value  *float64 // the indicator's value (means)
		result any
		want   [3]string
	}
	for _, c := range []tc{
		{"share up, counted", engine.AggShare, engine.Increase, "", nil, true, [3]string{"counted", "helps", "helps"}},
		{"share up, not counted", engine.AggShare, engine.Increase, "", nil, false, [3]string{"not counted", "holds back", "holds"}},
		{"share down, counted", engine.AggShare, engine.Decrease, "", nil, true, [3]string{"counted", "holds back", "holds"}},
		{"share down, not counted", engine.AggShare, engine.Decrease, "", nil, false, [3]string{"not counted", "helps", "helps"}},
		{"count up, counted", engine.AggCount, engine.Increase, "", nil, true, [3]string{"counted", "helps", "helps"}},
		{"count down, counted (46.1)", engine.AggCount, engine.Decrease, "", nil, true, [3]string{"counted", "holds back", "holds"}},
		{"count, not counted: a count does not fall", engine.AggCount, engine.Decrease, "", nil, false, [3]string{"not counted", "no effect", "none"}},
		{"unknown, left out", engine.AggShare, engine.Increase, engine.UnknownExclude, nil, nil, [3]string{"not known", "left out", "unknown"}},
		{"unknown in a count, left out", engine.AggCount, engine.Increase, engine.UnknownExclude, nil, nil, [3]string{"not known", "left out", "unknown"}},
		{"register share: silence is no", engine.AggShare, engine.Increase, engine.UnknownAsFalse, nil, nil, [3]string{"none recorded", "holds back", "holds"}},
		{"register count: silence adds nothing", engine.AggCount, engine.Increase, engine.UnknownAsFalse, nil, nil, [3]string{"none recorded", "no effect", "none"}},
		{"sum up", engine.AggSum, engine.Increase, "", nil, 2.5, [3]string{"2.50 km²", "helps", "helps"}},
		{"sum down", engine.AggSum, engine.Decrease, "", nil, 2.5, [3]string{"2.50 km²", "holds back", "holds"}},
		{"sum zero", engine.AggSum, engine.Increase, "", nil, 0.0, [3]string{"0 km²", "no effect", "none"}},
		{"mean above", engine.AggMean, engine.Increase, "", f(2), 3.0, [3]string{"3 km²", "helps", "helps"}},
		{"mean below", engine.AggMean, engine.Increase, "", f(2), 1.0, [3]string{"1 km²", "holds back", "holds"}},
		{"mean equal", engine.AggMean, engine.Increase, "", f(2), 2.0, [3]string{"2 km²", "no effect", "none"}},
		{"no direction", engine.AggShare, "", "", nil, true, [3]string{"counted", "", "none"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ia := &engine.IndicatorAssessment{Direction: c.dir}
			ia.Aggregate, ia.Unit, ia.UnknownPolicy, ia.Value = c.agg, "km2", c.policy, c.value
			r, e, k := outcomeWords(ia, engine.StateOutcome{Result: c.result})
			assert.Equal(t, c.want, [3]string{r, e, k})
		})
	}
}

// notKnown marks a projection as made while an extension request awaits a decision.
func notKnown(d *engine.DeadlineProjection, note string) *engine.DeadlineProjection {
	d.Status, d.ExtensionPending, d.ExtensionNote = engine.ProjectionNotKnown, true, note
	return d
}

// Iraq's deadline of 1 November 2023 has passed with an extension requested in 2022 and no
// decision in the sample: its profile never measures it against that deadline (the extension
// may have been granted), it says the deadline in force is not known.
func TestProfileDeadlineNotKnown(t *testing.T) {
	p := profileOf(t, "IRQ")
	require.NotEmpty(t, p.Obligations)
	o := p.Obligations[0]
	require.Equal(t, 4, o.Article)
	assert.Equal(t, "not known (last recorded: 1 November 2023)", o.Deadline.Value)
	assert.Equal(t, "not known", o.Verdict)
	require.NotNil(t, o.Projection)
	assert.NotContains(t, o.Projection.Takes, "has passed")
	assert.Contains(t, o.Projection.Takes, "Not known: the deadline that applies is not known (extension requested in 2022, no decision recorded).")
}

// An obligation's status line states values (a budget, a report's date, a position) that may
// rest on data that are not official: it carries the mark of the least reliable of them.
func TestProfileObligationStatusMarked(t *testing.T) {
	p := profileOf(t, "IRQ")
	marks := map[int]string{}
	for _, o := range p.Obligations {
		marks[o.Article] = o.Mark().Symbol
	}
	assert.Equal(t, map[int]string{4: "ᵐ", 5: "ⁱ", 7: "ⁱ", 9: "ᵐ"}, marks, "IRQ: start (monitor), budget and report dates (illustrative), position (monitor)")
	var md bytes.Buffer
	require.NoError(t, WriteProfileMarkdown(&md, p, ProfileOptions{}))
	assert.Contains(t, md.String(), "budget for 2024: USD 1,230,514**ⁱ")
}

func TestWhatItTakes(t *testing.T) {
	dp := func(remaining, rate, needed *float64, completion *int, deadline string) *engine.DeadlineProjection {
		d := &engine.DeadlineProjection{Unit: "m2", Remaining: remaining, RemainingYear: 2024, Rate: rate, Deadline: deadline}
		d.RateNeeded, d.CompletionYear = needed, completion
		return d
	}
	y := func(v int) *int { return &v }
	for _, c := range []struct {
		name string
		dp   *engine.DeadlineProjection
		want string
	}{
		{"faster than now", dp(f(1000), f(100), f(400), y(2035), "2027-06-30"),
			"Meeting the deadline of 30 June 2027 takes releasing 400 m² a year from the end of 2024, 4.0 times the recent rate of 100 m² a year. At the recent rate, the work would be completed in 2035."},
		{"the recent rate suffices", dp(f(100), f(100), f(40), y(2025), "2027-06-30"),
			"Meeting the deadline of 30 June 2027 takes releasing 40 m² a year from the end of 2024, no more than the recent rate of 100 m² a year. At the recent rate, the work would be completed in 2025."},
		{"deadline passed", dp(f(100), f(10), nil, y(2034), "2024-06-30"),
			"The deadline of 30 June 2024 has passed with 100 m² remaining at the end of 2024. At the recent rate, the work would be completed in 2034."},
		{"no remaining figure", dp(nil, nil, nil, nil, "2027-06-30"), "Not known: the data give no remaining amount."},
		{"no deadline", dp(f(100), nil, nil, nil, ""), "Not known: the data give no deadline."},
		{"nothing left", dp(f(0), f(10), nil, nil, "2027-06-30"), "Nothing remains in the latest figure."},
		{"rate zero", dp(f(100), f(0), f(40), nil, "2027-06-30"),
			"Meeting the deadline of 30 June 2027 takes releasing 40 m² a year from the end of 2024; the recent rate is zero."},
		{"deadline not known: a request awaits a decision", notKnown(dp(f(100), f(10), nil, y(2034), "2024-06-30"), "extension requested in 2023, no decision recorded"),
			"Not known: the deadline that applies is not known (extension requested in 2023, no decision recorded). At the recent rate, the work would be completed in 2034."},
		{"deadline not known, nothing recorded of the request", notKnown(dp(f(100), f(10), nil, nil, "2024-06-30"), ""),
			"Not known: the deadline that applies is not known."},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, whatItTakesEnglish(4, c.dp))
		})
	}
	assert.Contains(t, whatItTakesEnglish(3, dp(f(10), f(1), f(4), nil, "2027-06-30")), "takes destroying 4")
}

// A year cut off before its end says so: the standing is "on" the cut-off, not "at the end of"
// the year, and the annual report of the year is not yet owed.
func TestProfilePartialYear(t *testing.T) {
	s := loadSample(t)
	ctx := context.Background()
	a, err := s.plan.Assess(ctx, s.ds, 2024, engine.AsOf(engine.MustDate("2024-10-31")))
	require.NoError(t, err)
	p, err := ProfileOf(ctx, s.plan, s.ds, a, "LAO")
	require.NoError(t, err)
	assert.True(t, p.Partial)
	assert.Equal(t, "State Party on 31 October 2024 (the cut-off; 2024 is not over).", p.Standing)
	for _, an := range p.Reporting.Annual {
		assert.NotEqual(t, 2024, an.Year, "the annual report for 2024 is not owed before the year is over")
	}
	var md bytes.Buffer
	require.NoError(t, WriteProfileMarkdown(&md, p, ProfileOptions{}))
	assert.Contains(t, md.String(), "> **Partial year.** 2024 is not over at the cut-off: the figures are those known on 31 October 2024.")
}

// whatItTakesEnglish is whatItTakes in English, amounts as the profile writes them.
func whatItTakesEnglish(article int, dp *engine.DeadlineProjection) string {
	return whatItTakes(locale.For(locale.English), article, dp)
}

// A report holds the States' traced outcomes only until it has built the profiles from them
// (they were the largest part of lap report's live memory), without touching the caller's
// StateData; the profiles are built once.
func TestProfilesReleaseOutcomes(t *testing.T) {
	s := loadSample(t)
	r, err := New(s.a, s.m)
	require.NoError(t, err)
	require.NotEmpty(t, s.m.States.Outcomes, "the caller's StateData is not changed")
	assert.Nil(t, r.m.States.Outcomes, "the report's own StateData has no outcomes")
	assert.Len(t, r.outcomes, len(s.m.States.Records))
	ps, err := r.Profiles()
	require.NoError(t, err)
	require.NotEmpty(t, ps)
	assert.Nil(t, r.outcomes, "let go once the profiles are built")
	again, err := r.Profiles()
	require.NoError(t, err)
	assert.Equal(t, ps, again)
	assert.Same(t, ps[0], again[0], "built once")
	want, err := s.r.Profiles()
	require.NoError(t, err)
	assert.Equal(t, want, ps)
}

// TestProfileByIndex: the report's profiles, built one by one and side by side (Profile, as lap
// report's jobs may), are each what NewStateProfileIn makes alone for the State (the words
// every profile shares are made once per report), in English and French; each State's
// outcomes are let go once its profile is built.
func TestProfileByIndex(t *testing.T) {
	s := loadSample(t)
	for _, lang := range []locale.Lang{locale.English, locale.French} {
		t.Run(string(lang), func(t *testing.T) {
			m := s.m
			m.Lang = lang
			r, err := New(s.a, m)
			require.NoError(t, err)
			var parties []int
			for i, rec := range s.m.States.Records {
				if rec.Party {
					parties = append(parties, i)
				}
			}
			require.Equal(t, len(parties), r.ProfileCount())
			got := make([]*StateProfile, r.ProfileCount())
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Go(func() {
					for i := range got {
						p, err := r.Profile(i)
						assert.NoError(t, err)
						if i%4 == g {
							got[i] = p // each element written by one goroutine
						}
					}
				})
			}
			wg.Wait()
			for i, k := range parties {
				p, err := r.Profile(i)
				require.NoError(t, err)
				assert.Same(t, got[i], p, "built once")
				want, err := NewStateProfileIn(lang, s.a, s.m.States.Records[k], s.m.States.Outcomes[k])
				require.NoError(t, err)
				assert.Equal(t, want, p, s.m.States.Records[k].ISO3)
				assert.Nil(t, r.outcomes[k], "let go once built")
			}
			_, err = r.Profile(r.ProfileCount())
			assert.ErrorIs(t, err, chart.ErrInvalidInput)
		})
	}
}

// TestProfileNoneRecordedMarked: a "none recorded" result (an indicator that counts a report's
// silence as no) rests on the year's report: Lebanon's 2024 report is invented, so its silence
// on progress against its national strategy (2.2) is marked, not shown as a fact.
func TestProfileNoneRecordedMarked(t *testing.T) {
	p := profileOf(t, "LBN")
	var found bool
	for _, pi := range p.Indicators {
		if pi.ID == "2.2" {
			found = true
			assert.Equal(t, "none recorded", pi.Result)
			assert.Equal(t, engine.ClassIllustrative, pi.Class, "the 2024 report it rests on is illustrative")
		}
	}
	require.True(t, found, "LBN is in 2.2's population")
	var md bytes.Buffer
	require.NoError(t, WriteProfileMarkdown(&md, p, ProfileOptions{}))
	assert.Contains(t, md.String(), "none recordedⁱ")
}

// TestProfileMarksAgreeWithClassCounts: for every indicator and every State of the sample,
// the mark a profile gives the State's result is the class the engine counts it by: adding up
// the profiles' classes gives the indicator's class counts (the coverage annex's columns),
// "none recorded" States included, so an indicator never looks "all official" while resting on
// absences in invented registers or reports.
func TestProfileMarksAgreeWithClassCounts(t *testing.T) {
	s := loadSample(t)
	counts := map[string]*engine.ClassCounts{}
	noneRecorded := 0
	for k, rec := range s.m.States.Records {
		p, err := NewStateProfile(s.a, rec, s.m.States.Outcomes[k])
		require.NoError(t, err, rec.ISO3)
		for _, pi := range p.Indicators {
			ia, ok := s.a.Indicator(pi.ID)
			require.True(t, ok)
			if pi.Result == "none recorded" {
				noneRecorded++
				assert.True(t, asNo(&ia), "%s %s", pi.ID, rec.ISO3)
				assert.NotEmpty(t, pi.Class, "%s %s: a none recorded has the class of the absence it rests on", pi.ID, rec.ISO3)
			}
			if counts[pi.ID] == nil {
				counts[pi.ID] = &engine.ClassCounts{}
			}
			counts[pi.ID].Add(pi.Class)
		}
	}
	require.Positive(t, noneRecorded, "the sample has none recorded results")
	for _, ia := range s.a.Indicators {
		if ia.Status == engine.ValueError {
			continue
		}
		got := counts[ia.ID]
		if got == nil {
			got = &engine.ClassCounts{}
		}
		assert.Equal(t, ia.Classes, *got, "%s: the class counts are the profiles' marks added up", ia.ID)
		want := ia.Known
		if asNo(&ia) {
			want = ia.Population // the States without data count as no, by the class of the absence
		}
		assert.Equal(t, want, ia.Classes.Total(), "%s: every State the value rests on is counted by class", ia.ID)
	}
}
