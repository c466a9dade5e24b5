//go:build unix

package tagger

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time (user and system): what a run costs a
// core, whatever else the machine is doing (the benchmarks' wall times on
// a shared machine were 4-7 times it).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
