// Command dossier turns coded testimonies of North Korean escapees into United Nations
// filings: it validates testimony files, classifies events against human-rights
// instruments, and renders UPR submissions, HRC statements and Special Procedures
// filings as PDF in Korean, English and French.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
