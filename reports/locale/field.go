package locale

import "github.com/lapmonitor/lap/engine"

// Field returns the label of a field of the data dictionary in the locale's language: what a
// reader is shown instead of the field's code ("international assistance provided", "assistance
// internationale fournie"). The English is the dictionary's own (engine.Field.Label, from which
// catalog/field.en.toml is generated); French and Spanish are catalog/field.fr.toml and
// field.es.toml. A name the dictionary lacks stands for itself.
func (l *Locale) Field(name string) string {
	if l.lang != English {
		if _, ok := l.cat.raw[l.lang][fieldID(name)]; ok {
			return l.T(fieldID(name))
		}
	}
	return engine.FieldLabel(name)
}

// Fields returns the labels of fields joined as clauses ("a; b"): a label may itself hold a
// comma or an "and" ("victim data by sex, age and disability").
func (l *Locale) Fields(names []string) string {
	labels := make([]string, len(names))
	for i, n := range names {
		labels[i] = l.Field(n)
	}
	return l.JoinClauses(labels)
}

// fieldID is the catalogue id of a field's label.
func fieldID(name string) string { return "field." + name }
