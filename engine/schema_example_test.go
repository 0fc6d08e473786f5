package engine_test

import (
	"fmt"

	"github.com/lapmonitor/lap/engine"
)

// A field's name is the code rules, facts.csv and JSON use; its label is what a reader is shown
// instead, in a sentence or a table.
func ExampleLookupField() {
	f, ok := engine.LookupField("art6_assistance_provided_usd")
	fmt.Println(ok, f.Name, f.Unit)
	fmt.Printf("no data on %s\n", f.Label)
	fmt.Println(engine.FieldLabel("art9_legislation"))
	// Output:
	// true art6_assistance_provided_usd USD
	// no data on international assistance provided
	// national implementing legislation
}
