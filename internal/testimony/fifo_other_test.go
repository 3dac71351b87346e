//go:build !unix

package testimony

import "errors"

func mkfifo(string) error { return errors.New("no named pipes here") }
