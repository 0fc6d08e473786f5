package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestLoad is the load test of docs/performance.md: LAP_LOAD=CLIENTS,SECONDS (e.g. 20,10) runs
// that many clients, each sending the what-if request of the form (Lebanon completes
// clearance) one after the other for that long, against the workspace on a 127.0.0.1 listener,
// and prints the latency percentiles, the throughput and the errors. It is bounded (at most 100
// clients, 60 seconds and 200,000 requests) and targets only this machine. Skipped without
// LAP_LOAD; .ci/bench.sh runs it.
func TestLoad(t *testing.T) {
	spec := os.Getenv("LAP_LOAD")
	if spec == "" {
		t.Skip("set LAP_LOAD=CLIENTS,SECONDS (e.g. 20,10) to run the load test")
	}
	c, d, ok := strings.Cut(spec, ",")
	clients, err1 := strconv.Atoi(c)
	secs, err2 := strconv.Atoi(d)
	require.True(t, ok && err1 == nil && err2 == nil && clients > 0 && clients <= 100 && secs > 0 && secs <= 60,
		"LAP_LOAD=%q: want CLIENTS,SECONDS with at most 100 clients and 60 seconds", spec)
	const maxRequests = 200000

	s := sample(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, 5*time.Second) }()
	defer func() {
		cancel()
		require.NoError(t, <-served)
	}()

	for _, target := range []string{"/whatif?" + lebanon.Encode(), "/api/whatif?" + lebanon.Encode()} {
		url := "http://" + ln.Addr().String() + target
		tr := &http.Transport{MaxIdleConnsPerHost: clients}
		client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
		var mu sync.Mutex
		var lat []time.Duration
		errs, sent := 0, 0
		deadline := time.Now().Add(time.Duration(secs) * time.Second)
		var wg sync.WaitGroup
		start := time.Now()
		for i := 0; i < clients; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(deadline) {
					mu.Lock()
					if sent >= maxRequests {
						mu.Unlock()
						return
					}
					sent++
					mu.Unlock()
					t0 := time.Now()
					resp, err := client.Get(url)
					ok := err == nil && resp.StatusCode == 200
					if err == nil {
						_, err = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						ok = ok && err == nil
					}
					el := time.Since(t0)
					mu.Lock()
					if ok {
						lat = append(lat, el)
					} else {
						errs++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		wall := time.Since(start)
		tr.CloseIdleConnections()
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		pct := func(p float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[min(len(lat)-1, int(p*float64(len(lat))))]
		}
		what := "page"
		if strings.HasPrefix(target, "/api/") {
			what = "api"
		}
		line := fmt.Sprintf("load %s: %d clients, %.1f s: %d requests, %.1f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d",
			what, clients, wall.Seconds(), len(lat)+errs, float64(len(lat))/wall.Seconds(), ms(pct(0.50)), ms(pct(0.90)), ms(pct(0.99)), ms(pct(1)), errs)
		fmt.Println(line)
		t.Log(line)
		require.Zero(t, errs, "no request may fail under load")
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
