package main

// sysSetns is setns(2)'s number: Go's syscall package names it on every Linux architecture but this one.
const sysSetns = 308
