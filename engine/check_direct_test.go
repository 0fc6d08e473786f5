package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// checkVM runs a check's guard or rule on the VM only, as the checker did before it ran the
// direct subset.
func checkVM(ck *checkRun, e *Expr, env *checkEnv) (v, known bool, err error) {
	out, err := ck.machine.Run(e.program, env)
	if err != nil {
		return false, false, err
	}
	return asBool(out)
}

// TestCheckDirectMatchesVM: every guard and rule of the shipped data checks that is of the
// direct subset gives the VM's value on every State of the sample, in every year from 2006 to
// 2026 under both counting conventions, and on random environments; and where the closures
// say the VM fails (a comparison with an absent value), it fails.
func TestCheckDirectMatchesVM(t *testing.T) {
	p, ds := benchSetup(t)
	direct, fails := 0, 0
	compare := func(ck *checkRun, c *DataCheck, e *Expr, env *checkEnv, where string) {
		if e.direct == nil {
			return
		}
		wv, wk, werr := checkVM(ck, e, env)
		if e.direct.fails(&env.ruleEnv) {
			fails++
			require.Error(t, werr, "%s %s %q: direct says the VM fails", where, c.ID, e.Source)
		}
		v, known, err := ck.runBool(e, env)
		if werr != nil {
			require.Error(t, err, "%s %s %q", where, c.ID, e.Source)
			require.Equal(t, werr.Error(), err.Error(), "%s %s %q", where, c.ID, e.Source)
			return
		}
		require.NoError(t, err, "%s %s %q", where, c.ID, e.Source)
		require.Equal(t, []bool{wv, wk}, []bool{v, known}, "%s %s %q", where, c.ID, e.Source)
		direct++
	}
	for _, counting := range []Counting{CountingDeposit, CountingEntryIntoForce} {
		ck, err := p.newChecker(ds, []EvalOption{WithCounting(counting)})
		require.NoError(t, err)
		ck.budget.ctx = context.Background()
		for y := 2006; y <= 2026; y++ {
			ck.year(y)
			for _, c := range ck.checks {
				for si := range ds.states {
					env := &ck.envs[si]
					env.ReportFacts = ds.reportFacts(si, y, ck.cfg.asOf)
					where := fmt.Sprintf("%d %s %s", y, counting, ds.states[si].ISO3)
					compare(ck, c, &c.when.Expr, env, where)
					compare(ck, c, &c.rule.Expr, env, where)
				}
			}
		}
	}
	ck, err := p.newChecker(ds, nil)
	require.NoError(t, err)
	ck.budget.ctx = context.Background()
	r := rand.New(rand.NewPCG(14, 30))
	for i := range 3000 {
		env := &checkEnv{ruleEnv: *randomEnv(r), Prev: randomEnv(r), ReportFacts: []string{}}
		for _, c := range ck.checks {
			compare(ck, c, &c.when.Expr, env, fmt.Sprintf("random env %d", i))
			compare(ck, c, &c.rule.Expr, env, fmt.Sprintf("random env %d", i))
		}
	}
	t.Logf("%d direct runs compared, %d known to fail", direct, fails)
	require.Greater(t, fails, 1000, "the sample has guards that compare absent values")
}
