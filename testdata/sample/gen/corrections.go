package main

import "fmt"

// corrections adds a few values corrected after they became known, each a row of its own with
// the day of the correction in the recorded column (data dictionary §1.3): a report cut off
// before that day shows the first value, a later one the corrected value, and lap report's
// revisions table lists the change. All are illustrative.
func (g *gen) corrections() {
	for _, c := range []struct {
		iso      string
		year     int
		field    string
		value    string
		recorded string
		why      string
	}{
		// revises 2022 and 2023 values between the 2023 report (cut off 2024-06-30) and the
		// 2024 report (2025-06-30)
		{"DEU", 2022, "art4_area_cleared_m2", "640000", "2024-09-15", "Germany's 2022 clearance figure corrected in its 2023 report"},
		{"LAO", 2023, "art4_area_cleared_m2", "53400000", "2024-11-20", "Lao PDR's 2023 clearance figure revised by its national authority"},
		// revises a 2024 value after the 2024 report's cut-off: the 2025 report lists it
		{"IRQ", 2024, "art4_area_remaining_m2", "176500000", "2025-09-10", "Iraq's remaining area re-surveyed and corrected"},
	} {
		if _, ok := g.facts[key{c.iso, c.year, c.field, ""}]; !ok {
			panic(fmt.Sprintf("correction of a value the sample does not hold: %s %d %s", c.iso, c.year, c.field))
		}
		g.addRecorded(c.iso, c.year, c.field, c.value, c.recorded, illNote("correction assumed: "+c.why))
	}
}
