//go:build unix

package team

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time (user and system): what a run costs
// a core, whatever else the machine is doing.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
