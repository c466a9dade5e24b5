//go:build !unix

package team

import "time"

func cpuTime() time.Duration { return 0 }
