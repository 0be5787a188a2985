package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func init() {
	p := os.Getenv("RP_PROF")
	if p == "" {
		return
	}
	f, _ := os.Create(p)
	pprof.StartCPUProfile(f)
	go func() {
		time.Sleep(8 * time.Second)
		pprof.StopCPUProfile()
		f.Close()
	}()
}
