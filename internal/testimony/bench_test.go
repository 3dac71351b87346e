package testimony_test

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pscore/dossier/internal/testimony"
	"github.com/pscore/dossier/internal/testimony/testgen"
)

// BenchmarkLoad10000 loads and validates 10,000 generated testimonies from disk, as
// `dossier validate` does. Target (issue 2): under 1 s and 300 MB on two cores:
//
//	go test -run '^$' -bench Load10000 -cpu 2 -benchmem ./internal/testimony
//
// Besides time and allocations it reports the peak of the heap and of all memory the Go
// runtime holds while loading (peak-heap-MB, peak-runtime-MB), sampled every millisecond.
// The corpus is written once, outside the timed loop; DOSSIER_BENCH_CORPUS names a folder
// to reuse between runs.
func BenchmarkLoad10000(b *testing.B) {
	const n = 10000
	dir := os.Getenv("DOSSIER_BENCH_CORPUS")
	if dir == "" {
		dir = b.TempDir()
	}
	if entries, _ := os.ReadDir(dir); len(entries) != n {
		if err := testgen.WriteCorpus(dir, n, 1); err != nil {
			b.Fatal(err)
		}
	}
	v := testgen.Vocabulary()
	runtime.GC()
	debug.FreeOSMemory()

	var peakHeap, peakTotal atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			if h := samples[0].Value.Uint64(); h > peakHeap.Load() {
				peakHeap.Store(h)
			}
			if t := samples[1].Value.Uint64(); t > peakTotal.Load() {
				peakTotal.Store(t)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	var c *testimony.Corpus
	for b.Loop() {
		c = (&testimony.Loader{Vocab: v}).Load(dir)
	}
	close(stop)
	<-done
	if len(c.Testimonies) != n || len(c.Diags) != 0 {
		b.Fatalf("%d testimonies, %d diagnostics", len(c.Testimonies), len(c.Diags))
	}
	b.ReportMetric(float64(c.Events()), "events")
	b.ReportMetric(float64(peakHeap.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(peakTotal.Load())/(1<<20), "peak-runtime-MB")
}
