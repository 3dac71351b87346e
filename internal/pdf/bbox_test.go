package pdf

import (
	"html"
	"regexp"
	"strconv"
	"testing"
)

// bboxWord is one word as pdftotext -bbox places it, in points from the page's top
// left.
type bboxWord struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	reBboxPage = regexp.MustCompile(`<page width`)
	reBboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// bboxWords returns every word of the PDF at path with its position.
func bboxWords(t testing.TB, path string) []bboxWord {
	t.Helper()
	out := tool(t, "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	var words []bboxWord
	pages := reBboxPage.FindAllStringIndex(out, -1)
	for _, m := range reBboxWord.FindAllStringSubmatchIndex(out, -1) {
		pg := 0
		for pg < len(pages) && pages[pg][0] < m[0] {
			pg++
		}
		f := func(i int) float64 {
			v, _ := strconv.ParseFloat(out[m[2*i]:m[2*i+1]], 64)
			return v
		}
		words = append(words, bboxWord{page: pg, xMin: f(1), yMin: f(2), xMax: f(3), yMax: f(4), text: html.UnescapeString(out[m[10]:m[11]])})
	}
	return words
}
