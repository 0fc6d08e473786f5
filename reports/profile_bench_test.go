package reports

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
)

// BenchmarkProfiles is the country profiles' share of lap report on the sample: reading every
// State's record and outcomes (NewStateData), building the profiles of the States Parties and
// writing each as Markdown and HTML.
func BenchmarkProfiles(b *testing.B) {
	p, err := engine.Load(indicators.FS)
	if err != nil {
		b.Fatal(err)
	}
	ds, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	a, err := p.Assess(ctx, ds, 2024, engine.AsOf(engine.MustDate("2025-06-30")))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("data", func(b *testing.B) {
		for b.Loop() {
			if _, err := NewStateData(ctx, p, ds, a); err != nil {
				b.Fatal(err)
			}
		}
	})
	sd, err := NewStateData(ctx, p, ds, a)
	if err != nil {
		b.Fatal(err)
	}
	m := NewMeta(p, ds, "", "sample")
	m.States, m.Profiles = sd, true
	r, err := New(a, m)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.buildProfiles(); err != nil {
				b.Fatal(err)
			}
		}
	})
	ps, err := r.Profiles()
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"md", "html"} {
		b.Run("key-"+format, func(b *testing.B) {
			for b.Loop() {
				for _, pr := range ps {
					if r.ProfileKey(pr, format) == "" {
						b.Fatal("no key")
					}
				}
			}
		})
		b.Run("write-"+format, func(b *testing.B) {
			for b.Loop() {
				for _, pr := range ps {
					if err := r.WriteProfile(io.Discard, pr, format); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
