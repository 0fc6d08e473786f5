package locale

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lapmonitor/lap/engine"
)

// readerMessages are the engine's sentences a report's reader reads as an indicator's reason:
// its progress status, its direction of travel, a flagged coverage, a status not known.
var readerMessages = []string{"engine.progress.", "engine.travel.", "engine.coverage.", "engine.unknowns.could-be", "engine.verdict."}

// settingNames are the plan's [scoring] keys (engine.Scoring's toml tags) that are not plain
// words ("regressing" and "tolerance" are): what a coordinator edits, named in the method annex
// and in lap explain, never in a reader's reason.
func settingNames() []string {
	var out []string
	t := reflect.TypeOf(engine.Scoring{})
	for i := range t.NumField() {
		if k, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); strings.Contains(k, "_") {
			out = append(out, k)
		}
	}
	return out
}

// An indicator's reason, in every language, says in words what lap explain says with the
// settings: no setting name, no comparison sign, no formula.
func TestReaderReasonsNameNoSetting(t *testing.T) {
	names := settingNames()
	assert.Contains(t, names, "on_track")
	assert.Contains(t, names, "min_population")
	checked := 0
	for _, m := range engine.Messages() {
		reader := false
		for _, p := range readerMessages {
			reader = reader || strings.HasPrefix(m.ID, p)
		}
		if !reader {
			continue
		}
		for _, l := range Langs() {
			loc := For(l)
			for _, n := range []int{1, 3} {
				s := engine.Sentence{ID: m.ID}
				for _, name := range valueNames(m.Other) {
					a := engine.Arg{Name: name, Kind: engine.ArgCode, Text: "<" + name + ">"}
					if name == "N" {
						a = engine.Arg{Name: name, Kind: engine.ArgInt, Int: n}
					}
					s.Args = append(s.Args, a)
				}
				text := loc.Sentence(s)
				checked++
				for _, k := range names {
					assert.NotContains(t, text, k, "%s (%s)", m.ID, l)
				}
				for _, sign := range []string{">=", "<=", " < ", " > ", " = ", " x "} {
					assert.NotContains(t, text, sign, "%s (%s)", m.ID, l)
				}
			}
		}
	}
	assert.Greater(t, checked, 100)
}
