//go:build !amd64

package main

import "syscall"

// sysSetns is setns(2)'s number (setns_amd64.go gives it where syscall does not).
const sysSetns = syscall.SYS_SETNS
