package workbook

import (
	"fmt"
	"strings"

	"github.com/lapmonitor/lap/engine"
)

// Form is one sheet of the reporting template: the cover, one Article 7 form, or the
// register records that no form carries.
type Form struct {
	Key    string // "cover", "A" to "J", or "records"
	Sheet  string // the sheet name: "Cover", "Form A", ..., "Records"
	Title  string
	Fields []engine.Field // the input fields on this sheet, in dictionary order
}

// The sheet layout. Everything else comes from the data dictionary: which fields a sheet
// holds, in which order, with which type, unit and meaning.
const (
	coverSheet   = "Cover"
	recordsSheet = "Records"
	statesSheet  = "States"
	// registersSheet holds what registers.csv holds: the registers the data hold in full.
	registersSheet = "Registers"
	factsSheet     = "Facts"
	aboutSheet     = "About"
)

// formTitles are the sections of the Article 7 reporting format recommended at the First
// Meeting of States Parties (data dictionary §3).
var formTitles = []struct{ key, title string }{
	{"A", "National implementation measures"},
	{"B", "Stockpiles and destruction"},
	{"C", "Technical characteristics"},
	{"D", "Retention and transfer"},
	{"E", "Conversion of production facilities"},
	{"F", "Contaminated areas and clearance"},
	{"G", "Risk reduction education and warnings"},
	{"H", "Victim assistance"},
	{"I", "National resources and international cooperation and assistance"},
	{"J", "Other matters"},
}

// groupSheet places the fields of a dictionary group that come from no form. Fields of other
// groups that come from no form go to the Records sheet.
var groupSheet = map[string]string{
	"Article 7: transparency reports": "cover",
	"Cross-cutting implementation":    "J",
}

// FormOf returns the key of the sheet that holds an input field: the Article 7 form it comes
// from (its form in the data dictionary: "cover" or "A" to "J"), else its group's sheet, else
// "records".
func FormOf(f engine.Field) string {
	if f.Form != "" {
		return f.Form
	}
	if k, ok := groupSheet[f.Group]; ok {
		return k
	}
	return "records"
}

// Forms returns the template's sheets in order: the cover, Forms A to J, the records. Every
// input field of the dictionary is on exactly one of them; a form with no field in the
// dictionary still has its sheet.
func Forms() []Form {
	forms := []Form{{Key: "cover", Sheet: coverSheet, Title: "Cover: the report and its Article 7 record"}}
	for _, t := range formTitles {
		forms = append(forms, Form{Key: t.key, Sheet: "Form " + t.key, Title: "Form " + t.key + ": " + t.title})
	}
	forms = append(forms, Form{Key: "records", Sheet: recordsSheet, Title: "Records: register data no Article 7 form carries (treaty deadlines, MSP decisions, votes, attendance)"})
	at := map[string]int{}
	for i, f := range forms {
		at[f.Key] = i
	}
	for _, f := range engine.Fields() {
		if !f.Input() {
			continue
		}
		i := at[FormOf(f)]
		forms[i].Fields = append(forms[i].Fields, f)
	}
	return forms
}

// formSheets maps each template sheet name to its form.
func formSheets() map[string]Form {
	m := map[string]Form{}
	for _, f := range Forms() {
		m[f.Sheet] = f
	}
	return m
}

// typeHint says in words what a field's value cell takes.
func typeHint(f engine.Field) string {
	switch f.Type {
	case engine.TypeBool:
		return "yes or no"
	case engine.TypeDate:
		return "date: 2023-06-14, 2023-06 or 2023 (../2018: 2018 or earlier)"
	case engine.TypeEnum:
		return "one of: " + strings.Join(f.Enum, ", ")
	case engine.TypeNumber:
		if f.Unit != "" {
			return "number (" + f.Unit + ")"
		}
		return "number"
	}
	return "text"
}

// scopeHint says which year a value describes, for the template's year y.
func scopeHint(f engine.Field, y int) string {
	yr := "the year"
	if y != 0 {
		yr = fmt.Sprint(y)
	}
	switch f.Scope {
	case engine.ScopeStatic:
		return "once: holds for every year"
	case engine.ScopeCarried:
		return "status in " + yr + "; holds until a later report changes it"
	case engine.ScopeEvent:
		return "the date it happened, in any year"
	}
	return "for " + yr
}

// The columns of a template sheet. The reader finds them by their header text (the first
// word, case ignored), so a sheet whose columns were moved still reads.
const (
	colItem = iota + 1
	colValue
	colUnit
	colSource
	colClass
	colField
	colYear
	colNotes
)

var templateHeader = []string{"Item", "Value", "Unit or allowed values", "Source (if not the cover's)", "Class (if not the cover's)", "Field", "Year described", "Notes"}

// headerRow is the row of a template sheet that holds templateHeader; rows below it hold
// one field each.
const headerRow = 4

// The cover's rows that describe the whole workbook, by the key in their Field cell. No
// input field of the dictionary may have these names (a test checks).
const (
	metaState  = "state"
	metaYear   = "year"
	metaSource = "source"
	metaClass  = "class"
)

var metaKeys = []string{metaState, metaYear, metaSource, metaClass}
