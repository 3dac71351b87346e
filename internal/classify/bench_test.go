package classify

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pscore/dossier/internal/project"
	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/testimony/testgen"
)

// benchEvents is the size of the benchmark's corpus: the target is 100,000
// generated events classified at 50,000 events/s or more on two cores.
const benchEvents = 100_000

var (
	benchOnce sync.Once
	benchTs   []*testimony.Testimony
	benchN    int
)

// benchCorpus generates testimonies (internal/testimony/testgen: narratives recombined
// from the sample corpus's sentences in Korean, English and French, 40% of events with
// coded acts) until they hold 100,000 events.
func benchCorpus() ([]*testimony.Testimony, int) {
	benchOnce.Do(func() {
		ts := testgen.Generate(benchEvents/2, 42)
		if testing.Short() {
			ts = ts[:2000]
		}
		n := 0
		for i, t := range ts {
			n += len(t.Events)
			if n >= benchEvents {
				benchTs, benchN = ts[:i+1], n
				return
			}
		}
		benchTs, benchN = ts, n
	})
	return benchTs, benchN
}

// BenchmarkClassify classifies 100,000 generated events per iteration on GOMAXPROCS
// workers (`make bench` runs it with -cpu 2) and reports events/s.
func BenchmarkClassify(b *testing.B) {
	c, err := Load(project.Defaults())
	if err != nil {
		b.Fatal(err)
	}
	ts, n := benchCorpus()
	run := func(ts []*testimony.Testimony) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					k := int(next.Add(1)) - 1
					if k >= len(ts) {
						return
					}
					_ = c.Testimony(ts[k])
				}
			}()
		}
		wg.Wait()
	}
	// `make bench` runs one iteration: warm the workers' caches (words, templates) on
	// the first 2% of the corpus and settle the heap the generator left, so that the
	// measure is the steady state, not the first seconds of the process
	run(ts[:len(ts)/50])
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		run(ts)
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "events/s")
	b.ReportMetric(float64(n), "events/op")
}
