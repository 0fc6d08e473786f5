package engine

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TOML writes the scenario as a scenario file that ParseScenario reads back to the same
// events, changes and overrides: events as [[event]] tables, the other changes as [[set]],
// [[scale]] and [[remove]] tables, in the order they apply, then the plan overrides.
func (s *Scenario) TOML() []byte {
	var b strings.Builder
	b.WriteString("# A lap what-if scenario (docs/whatif.md). Run it with:\n#   lap whatif --data DIR --year YEAR --scenario FILE\n")
	fmt.Fprintf(&b, "name = %s\n", tomlQuote(s.Name))
	if s.Description != "" {
		fmt.Fprintf(&b, "description = %s\n", tomlQuote(s.Description))
	}
	if s.Overrides.Counting != "" {
		fmt.Fprintf(&b, "counting = %s\n", tomlQuote(string(s.Overrides.Counting)))
	}
	written := map[int]bool{}
	for _, c := range s.Changes {
		if c.Event > 0 {
			if !written[c.Event] && c.Event <= len(s.Events) {
				written[c.Event] = true
				writeEventTOML(&b, s.Events[c.Event-1])
			}
			continue
		}
		writeChangeTOML(&b, c)
	}
	for i, e := range s.Events { // an event that expanded to nothing still belongs to the scenario
		if !written[i+1] {
			writeEventTOML(&b, e)
		}
	}
	o := s.Overrides
	if !o.Scoring.isZero() {
		b.WriteString("\n[scoring]\n")
		sc := o.Scoring
		for _, f := range []struct {
			k string
			v *float64
		}{{"on_track", sc.OnTrack}, {"regressing", sc.Regressing}, {"trend_on_track", sc.TrendOnTrack}, {"tolerance", sc.Tolerance}, {"deadline_margin_years", sc.DeadlineMarginYears}} {
			if f.v != nil {
				fmt.Fprintf(&b, "%s = %s\n", f.k, tomlFloat(*f.v))
			}
		}
		if sc.TrendMinYears != nil {
			fmt.Fprintf(&b, "trend_min_years = %d\n", *sc.TrendMinYears)
		}
		if sc.DeadlineRateYears != nil {
			fmt.Fprintf(&b, "deadline_rate_years = %d\n", *sc.DeadlineRateYears)
		}
	}
	for _, io := range o.Indicators {
		fmt.Fprintf(&b, "\n[[indicator]]\nid = %s\n", tomlQuote(io.ID))
		if io.Target != nil {
			fmt.Fprintf(&b, "target = %s\n", tomlFloat(*io.Target))
		}
		if io.TargetYear != nil {
			fmt.Fprintf(&b, "target_year = %d\n", *io.TargetYear)
		}
		if io.Weight != nil {
			fmt.Fprintf(&b, "weight = %s\n", tomlFloat(*io.Weight))
		}
		if io.Method != "" {
			fmt.Fprintf(&b, "method = %s\n", tomlQuote(string(io.Method)))
		}
	}
	return []byte(b.String())
}

func writeEventTOML(b *strings.Builder, e Event) {
	fmt.Fprintf(b, "\n[[event]]\nstate = %s", tomlQuote(e.ISO3))
	if e.StateName != "" {
		fmt.Fprintf(b, " # %s", strings.ReplaceAll(e.StateName, "\n", " "))
	}
	fmt.Fprintf(b, "\ntype = %s\n", tomlQuote(string(e.Type)))
	if e.Type == EventSubmitReport {
		fmt.Fprintf(b, "report = %s\n", tomlQuote(e.Report))
	}
	fmt.Fprintf(b, "date = %s\n", tomlDate(e.Date))
	for _, kv := range e.options() {
		switch kv[0] {
		case "declared", "deadline":
			d, _ := ParseDate(kv[1])
			fmt.Fprintf(b, "%s = %s\n", kv[0], tomlDate(d))
		case "victims":
			fmt.Fprintf(b, "%s = true\n", kv[0])
		case "covering", "article":
			fmt.Fprintf(b, "%s = %s\n", kv[0], kv[1])
		default:
			if kv[1] == "yes" {
				fmt.Fprintf(b, "%s = true\n", kv[0])
			} else {
				fmt.Fprintf(b, "%s = %s\n", kv[0], kv[1])
			}
		}
	}
	if e.Source != "" {
		fmt.Fprintf(b, "source = %s\n", tomlQuote(e.Source))
	}
}

func writeChangeTOML(b *strings.Builder, c Change) {
	switch c.Kind {
	case ChangeScale:
		b.WriteString("\n[[scale]]\n")
		if len(c.States) > 0 {
			q := make([]string, len(c.States))
			for i, s := range c.States {
				q[i] = tomlQuote(s)
			}
			fmt.Fprintf(b, "states = [%s]\n", strings.Join(q, ", "))
		}
		fmt.Fprintf(b, "field = %s\n", tomlQuote(c.Field))
		if c.From != 0 {
			fmt.Fprintf(b, "from = %d\n", c.From)
		}
		if c.To != 0 {
			fmt.Fprintf(b, "to = %d\n", c.To)
		}
		fmt.Fprintf(b, "factor = %s\n", tomlFloat(c.Factor))
		return
	case ChangeRemove:
		fmt.Fprintf(b, "\n[[remove]]\nstate = %s\nfield = %s\n", tomlQuote(c.ISO3), tomlQuote(c.Field))
		if c.Year != 0 {
			fmt.Fprintf(b, "year = %d\n", c.Year)
		}
		return
	}
	fmt.Fprintf(b, "\n[[set]]\nstate = %s\nfield = %s\n", tomlQuote(c.ISO3), tomlQuote(c.Field))
	fd, _ := LookupField(c.Field)
	if c.Year != 0 && !(fd.Scope == ScopeEvent && eventYear(c.Value) == c.Year) {
		fmt.Fprintf(b, "year = %d\n", c.Year)
	}
	value := tomlQuote(c.Value)
	if !isStateColumn(c.Field) {
		switch fd.Type {
		case TypeNumber, TypeBool:
			value = c.Value
		}
	}
	fmt.Fprintf(b, "value = %s\n", value)
	if c.Source != "" {
		fmt.Fprintf(b, "source = %s\n", tomlQuote(c.Source))
	}
}

// eventYear is the year of a date value, 0 when it is not a date.
func eventYear(v string) int {
	d, err := ParseDate(v)
	if err != nil {
		return 0
	}
	return d.Year()
}

// tomlDate writes a day as a TOML local date and any other date as a string.
func tomlDate(d Date) string {
	if d.Precision() == PrecisionDay && !d.Open() {
		return d.String()
	}
	return tomlQuote(d.String())
}

func tomlFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
