package reports

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gonum.org/v1/plot"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/locale"
)

// localize puts a document built in English words into the report's language: the title, the
// cut-off, the status words and the numbers of the tables. The model's builders stay
// English-only (one place each), and this pass is the one place that knows a document in
// another language; the plan's texts are already translated (Meta from a translated plan) and
// the data's texts are left as they are.
func (d *document) localize(a *engine.Assessment, m Meta) error {
	loc := d.loc
	d.TranslationNotice = m.TranslationNotice
	d.Title = loc.T("report.title", map[string]any{"Plan": a.Plan.Name, "Year": a.Year})
	if d.CutOff.Partial {
		d.Title += " " + loc.T("report.partial-year")
	}
	cv, err := localCutoffView(a, m, loc)
	if err != nil {
		return err
	}
	d.CutOff = cv
	d.TotalCounts.Title = loc.T("report.all-sections")
	if day, err := loc.ISODate(d.AsOf); err == nil {
		d.AsOf = day
	}
	localizeValue(loc, reflect.ValueOf(d).Elem(), "")
	return nil
}

// numberFields are the document's fields that hold numbers formatted for people (fmtValue,
// fmtShare, fmtAmount, ...): their numbers are written again in the locale's style.
var numberFields = map[string]bool{
	"Score": true, "Expected": true, "Baseline": true, "Previous": true, "Value": true, "Target": true,
	"Progress": true, "Delta": true, "ProgressDelta": true, "Share": true, "Without": true, "Weight": true,
	"Remaining": true, "Rate": true, "RateNeeded": true, "InYear": true, "Over": true,
}

var (
	statusType = reflect.TypeOf(statusInfo{})
	markType   = reflect.TypeOf(markInfo{})
)

// markTitles are the class marks' meanings in each language (mark.* of the catalogue), by
// class: looked up once, not for every value that carries a mark.
var markTitles = perLang(func(l locale.Lang) map[string]string {
	out := map[string]string{}
	for _, m := range classMarks {
		out[m.Class] = locale.For(l).T("mark." + m.Class)
	}
	return out
})

// localizeValue walks the document: status words by their key, numbers in numberFields.
// Figures (drawn apart) and the data's own text are not touched.
func localizeValue(loc *locale.Locale, v reflect.Value, field string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() && v.Elem().Kind() == reflect.Struct && v.Type() != reflect.TypeOf((*chart.Figure)(nil)) {
			localizeValue(loc, v.Elem(), field)
		}
	case reflect.Struct:
		if v.Type() == statusType {
			if v.CanSet() {
				s := v.Addr().Interface().(*statusInfo)
				s.Label = statusLabel(loc, *s)
			}
			return
		}
		if v.Type() == markType {
			if v.CanSet() {
				m := v.Addr().Interface().(*markInfo)
				if t, ok := markTitles(loc.Lang())[m.Class]; ok {
					m.Title = t
				}
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				localizeValue(loc, v.Field(i), v.Type().Field(i).Name)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem() == reflect.TypeOf((*chart.Figure)(nil)) {
			return
		}
		for i := 0; i < v.Len(); i++ {
			localizeValue(loc, v.Index(i), field)
		}
	case reflect.String:
		if numberFields[field] && v.CanSet() {
			v.SetString(localNumbers(loc, v.String()))
		}
	}
}

// statusLabel is a status word in the locale's language, by its key: progress statuses and
// deadline projections from the catalogue; an obligation episode's words come from the
// engine and stay as they are.
func statusLabel(loc *locale.Locale, s statusInfo) string {
	for _, ps := range engine.ProgressStatuses {
		if s.Key == string(ps) {
			return locale.Capitalize(loc.Status(s.Key))
		}
	}
	switch s.Key {
	case string(engine.ProjectionOnCourse), string(engine.ProjectionAtRisk), string(engine.ProjectionWillMiss),
		string(engine.ProjectionNotKnown), string(engine.ProjectionNoData):
		return locale.Capitalize(loc.T("projection." + s.Key))
	case "none":
		return locale.Capitalize(loc.T("report.no-projection"))
	}
	return s.Label
}

// englishNumber is a number as the English report writes it: thousands with ",", decimals
// with ".", and a "%" or " pp" after it. Four-digit numbers without a separator are years and
// are left as they are.
var englishNumber = regexp.MustCompile(`([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?( pp|%)?`)

// localNumbers rewrites the numbers of an English-formatted cell in the locale's style
// ("1,234.5" -> "1 234,5", "12%" -> "12 %", "+3 pp" -> "+3 points").
func localNumbers(loc *locale.Locale, s string) string {
	return englishNumber.ReplaceAllStringFunc(s, func(tok string) string {
		m := englishNumber.FindStringSubmatch(tok)
		sign, whole, frac, suffix := m[1], m[2], m[3], m[4]
		if !strings.Contains(whole, ",") && frac == "" && suffix == "" {
			if sign == "-" && tok == s {
				// a cell that is a negative count ("-1", a change): the locale's minus sign, as
				// its other numbers have ("−3,90"); within a text "-" may join a range (2021-2026)
				if n, err := strconv.Atoi(whole); err == nil {
					return loc.Number(-float64(n), 0)
				}
			}
			return tok // a plain whole number: a year, a count below 1,000
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(whole, ",", "")+frac, 64)
		if err != nil {
			return tok
		}
		dec := 0
		if frac != "" {
			dec = len(frac) - 1
		}
		if sign == "-" {
			v, sign = -v, "" // the locale writes the minus sign
		}
		switch suffix {
		case "%":
			return sign + loc.Percent(v, dec)
		case " pp":
			return loc.Points(v, dec)
		}
		return sign + loc.Number(v, dec)
	})
}

// localCutoffView is newCutoffView in the locale's words and dates.
func localCutoffView(a *engine.Assessment, m Meta, loc *locale.Locale) (cutoffView, error) {
	asOf, err := engine.ParseDay(a.AsOf)
	if err != nil {
		return cutoffView{}, fmt.Errorf("report cut-off: as_of %q: %w", a.AsOf, err)
	}
	day := func(d engine.Date) string {
		s, err := loc.ISODate(d.String())
		if err != nil {
			return d.Text()
		}
		return s
	}
	v := cutoffView{Partial: engine.PartialYear(a.Year, asOf), YearHead: fmtYear(a.Year),
		YearEnd: loc.T("cutoff.year-end", map[string]any{"Year": a.Year})}
	if v.Partial {
		v.YearHead = loc.T("cutoff.partial-head", map[string]any{"Year": a.Year})
	}
	s := loc.T("cutoff.as-of", map[string]any{"Date": day(asOf)})
	if c := m.CutOff; c != nil && c.AsOf == asOf {
		if r := loc.CutOffReason(*c, "cutoff.rule.given", "cutoff.rule.given-planned"); r != "" {
			s += " " + r
		}
	}
	s += ". " + loc.T("cutoff.nothing-after")
	// every earlier year of the series is seen the same time after its end (engine.Plan.Assess)
	s += " " + loc.T("cutoff.series-lag", map[string]any{"Year": a.Year, "PrevYear": a.Year - 1, "PrevDate": day(asOf.YearsBefore(1))})
	v.PrevHead = loc.T("cutoff.prev-head", map[string]any{"Year": a.Year - 1, "Date": day(asOf.YearsBefore(1))})
	v.SeriesNote = loc.T("cutoff.series-note", map[string]any{"Year": a.Year, "Date": day(asOf), "PrevYear": a.Year - 1, "PrevDate": day(asOf.YearsBefore(1))})
	v.BaseHead = loc.T("report.baseline")
	if b := a.BaselineYear; b > 0 && b <= a.Year {
		v.BaseHead = loc.T("cutoff.baseline-head", map[string]any{"Year": b, "Date": day(seenDay(asOf, a.Year, b))})
	}
	if v.Partial {
		s += " " + loc.T("cutoff.partial", map[string]any{"Year": a.Year, "Date": day(asOf)})
		v.YearEnd = loc.T("cutoff.year-end-partial", map[string]any{"Year": a.Year, "Date": day(asOf)})
	}
	v.Statement = s
	return v, nil
}

// chartWord is a chart's word in lang: the catalogue's message id, or english as the charts
// have always written it; kv are the message's named values.
func chartWord(lang locale.Lang, id, english string, kv ...any) string {
	if lang == locale.English {
		return english
	}
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return locale.For(lang).T(id, data)
}

// chartYearHead is the assessed year as chart titles head it, in lang.
func chartYearHead(lang locale.Lang, a *engine.Assessment, english string) string {
	if english == fmtYear(a.Year) {
		return english
	}
	return locale.For(lang).T("cutoff.partial-head", map[string]any{"Year": a.Year})
}

// axisWords are the charts' axis labels (format.go, axisLabel) and their catalogue ids.
var axisWords = map[string]string{
	"Year": "chart.year", "Indicators": "chart.indicators", "Progress score (%)": "chart.progress-score",
	"Remaining contaminated area (km²)": "chart.area-remaining-km2", "States": "chart.states",
	"Percent (%)": "chart.percent", "Area (m²)": "chart.area-m2", "Area (km²)": "chart.area-km2",
	"US dollars": "chart.usd", "Value": "chart.value",
}

// unitAxes are the axis labels axisLabel gives a plan's unit that is a word ("Submunitions"),
// and the unit: in another language the catalogue's unit word, capitalised.
var unitAxes = map[string]string{"Items": "items", "Munitions": "munitions", "People": "people", "Submunitions": "submunitions"}

// axisIn is an axis label (axisWords, unitAxes) in lang, as it is when the catalogue has none.
func axisIn(lang locale.Lang, label string) string {
	if lang == locale.English {
		return label
	}
	if id, ok := axisWords[label]; ok {
		return locale.For(lang).T(id)
	}
	if u, ok := unitAxes[label]; ok {
		return locale.Capitalize(unitIn(locale.For(lang), u))
	}
	return label
}

// localizePlot puts a chart's axis labels in lang; its legend words are the chart inputs'
// Words (chartWords).
func localizePlot(lang locale.Lang, p *plot.Plot) {
	if lang == locale.English || p == nil {
		return
	}
	for _, l := range []*string{&p.X.Label.Text, &p.Y.Label.Text} {
		*l = axisIn(lang, *l)
	}
}

// chartWords are the charts' legend words in lang; nil for English (package chart's own).
func chartWords(lang locale.Lang) *chart.Words {
	if lang == locale.English {
		return nil
	}
	loc := locale.For(lang)
	t := func(id string, kv ...any) string { return loc.T(id, pairs(kv)) }
	return &chart.Words{
		Observed:      t("chart.observed"),
		Baseline:      func(year int, value string) string { return t("chart.legend-baseline", "Year", year, "Value", value) },
		Target:        func(year int, value string) string { return t("chart.legend-target", "Year", year, "Value", value) },
		ExpectedPath:  t("chart.expected-path"),
		NoData:        func(label string) string { return t("chart.legend-no-data", "Label", label) },
		NotComparable: func(label string) string { return t("chart.legend-not-comparable", "Label", label) },
		Ringed:        t("chart.ringed"),
		Value: func(v float64) string {
			s := strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0")
			_, frac, _ := strings.Cut(s, ".")
			return loc.Number(v, len(frac))
		},
		Status:       func(s chart.Status) string { return locale.Capitalize(loc.Status(string(s))) },
		Overall:      t("chart.whole-plan"),
		NotAvailable: t("chart.not-available"),
		Percent:      func(v float64) string { return loc.Percent(v, 0) },
		Number: func(v float64, dec int, group bool) string {
			if group {
				return loc.Number(v, dec)
			}
			return loc.PlainNumber(v, dec)
		},
		Deadline: func(state string, year int) string { return t("chart.legend-deadline", "State", state, "Year", year) },
	}
}
